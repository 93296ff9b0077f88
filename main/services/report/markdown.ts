import { directionLabel, fmt, weeklyPoints, type ReportData } from './data';
import { escapeMarkdown as md, safeHttpUrl } from './escape';

export function renderMarkdownReport(d: ReportData): string {
  const c = d.current;
  const ab = directionLabel(d, 'ab');
  const ba = directionLabel(d, 'ba');
  const lines: string[] = [
    `# ${md(d.relationship.label)}`,
    '',
    `Parley report, generated ${new Date(d.generatedAtMs).toISOString()}. Half-life ${d.halfLifeDays} days; ${d.quotes.length} tagged passages.`,
    '',
    `## Score on ${d.today}`,
    '',
    '| Direction | Sentiment M | Pressure R | Activity A |',
    '|---|---:|---:|---:|',
    `| ${md(ab)} | ${fmt(c.ab.M)} | ${fmt(c.ab.R)} | ${fmt(c.ab.A)} |`,
    `| ${md(ba)} | ${fmt(c.ba.M)} | ${fmt(c.ba.R)} | ${fmt(c.ba.A)} |`,
    `| **Both directions** | **${fmt(c.combined.M)}** | ${fmt(c.combined.R)} | ${fmt(c.combined.A)} |`,
    '',
    `Asymmetry: ${fmt(c.asymmetry)} · Index: ${fmt(c.index)}`,
    '',
    '## Running sentiment (weekly)',
    '',
    '| Date | M | R | A |',
    '|---|---:|---:|---:|',
    ...weeklyPoints(d).map((p) => `| ${p.date} | ${fmt(p.M)} | ${fmt(p.R)} | ${fmt(p.A)} |`),
    '',
    '## Tagged passages',
    '',
  ];
  if (d.quotes.length === 0) lines.push('No passage of this relationship has been tagged yet.', '');
  for (const q of d.quotes) {
    const url = safeHttpUrl(q.url);
    const title = md(q.articleTitle);
    lines.push(
      `**${md(q.codeName)}** · ${md(q.sourceCode)}→${md(q.targetCode)} · weight ${fmt(q.weight, 1)} · confidence ${fmt(q.confidence)} · event ${q.eventDate}`,
      '',
      `> ${md(q.exact)}`,
      '',
    );
    if (q.note) lines.push(`Note: ${md(q.note)}`, '');
    lines.push(
      `— ${url ? `[${title}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : title}, ${md(q.outlet || 'unknown outlet')}, ${q.publishedOn}`,
      '',
    );
  }
  return lines.join('\n');
}
