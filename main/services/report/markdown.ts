import { directionLabel, fmt, groupedQuotes, quoteFacts, trendText, weeklyPoints, type ReportData, type ReportQuote } from './data';
import { escapeMarkdown as md, safeHttpUrl } from './escape';

function quoteLines(q: ReportQuote): string[] {
  const url = safeHttpUrl(q.url);
  const title = md(q.articleTitle);
  const facts = quoteFacts(q);
  const lines = [`**${md(q.codeName)}**${md(facts.headline)}`, '', facts.counts, '', `> ${md(q.exact)}`, ''];
  if (q.note) lines.push(`Note: ${md(q.note)}`, '');
  lines.push(
    `— ${url ? `[${title}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : title}, ${md(q.outlet || 'unknown outlet')}, ${q.publishedOn}`,
    '',
  );
  return lines;
}

export function renderMarkdownReport(d: ReportData): string {
  const c = d.current;
  const ab = directionLabel(d, 'ab');
  const ba = directionLabel(d, 'ba');
  const lines: string[] = [
    `# ${md(d.relationship.label)}`,
    '',
    `Analyst brief, period ${d.fromDate} to ${d.toDate}. Analyst: ${md(d.analyst || 'not named')}. Generated ${new Date(d.generatedAtMs).toISOString()}. Half-life ${d.halfLifeDays} days; ${d.quotes.length} tagged passages.`,
    '',
    d.selection.map(md).join(' · '),
    '',
    `## Score on ${d.today}`,
    '',
    '| Direction | Sentiment M | Pressure R | Activity A |',
    '|---|---:|---:|---:|',
    `| ${md(ab)} | ${fmt(c.ab.M)} | ${fmt(c.ab.R)} | ${fmt(c.ab.A)} |`,
    `| ${md(ba)} | ${fmt(c.ba.M)} | ${fmt(c.ba.R)} | ${fmt(c.ba.A)} |`,
    `| **Both directions** | **${fmt(c.combined.M)}** | ${fmt(c.combined.R)} | ${fmt(c.combined.A)} |`,
    '',
    `Trend: ${md(trendText(d))} · Asymmetry: ${fmt(c.asymmetry)} · Index: ${fmt(c.index)}`,
    '',
    '## Running sentiment (weekly)',
    '',
    '| Date | M | R | A |',
    '|---|---:|---:|---:|',
    ...weeklyPoints(d).map((p) => `| ${p.date} | ${fmt(p.M)} | ${fmt(p.R)} | ${fmt(p.A)} |`),
    '',
    '## Key events',
    '',
  ];
  if (d.keyEvents.length === 0) lines.push('No event in the period.', '');
  for (const q of d.keyEvents) lines.push(...quoteLines(q));
  lines.push(`## Tagged passages by ${d.groupBy}`, '');
  if (d.quotes.length === 0) lines.push('No passage of this selection has been tagged in the period.', '');
  for (const g of groupedQuotes(d)) {
    lines.push(`### ${md(g.heading)} (${g.quotes.length})`, '');
    for (const q of g.quotes) lines.push(...quoteLines(q));
  }
  return lines.join('\n');
}
