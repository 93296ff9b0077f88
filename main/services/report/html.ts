import { directionLabel, fmt, groupedQuotes, quoteFacts, trendText, weeklyPoints, type ReportData, type ReportQuote } from './data';
import { agreementSectionHtml } from './agreementHtml';
import { sentimentChartSvg } from './chartSvg';
import { escapeHtml as h, safeHttpUrl } from './escape';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1c1c1c;max-width:860px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#555}
.title-page{border-bottom:2px solid #222;padding-bottom:1rem;margin-bottom:1.5rem}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ddd;padding:.25rem .6rem;text-align:right}th{background:#f5f5f5}
td.l,th.l{text-align:left}blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:4px solid #999;background:#fafafa;unicode-bidi:plaintext}
.quote{margin:1.2rem 0}.key-events li{margin:.5rem 0}q{unicode-bidi:plaintext}.tag{font-weight:600}.cite{color:#555;font-size:.9em}.counts{color:#555;font-size:.85em}.note{font-style:italic;unicode-bidi:plaintext}
@media print{body{margin:0}.title-page{page-break-after:always}}`;

function quoteBlock(q: ReportQuote): string {
  const url = safeHttpUrl(q.url);
  const facts = quoteFacts(q);
  const title = url ? `<a href="${h(url)}" rel="noreferrer">${h(q.articleTitle)}</a>` : h(q.articleTitle);
  return `
<div class="quote">
<div><span class="tag">${h(q.codeName)}</span>${h(facts.headline)}</div>
<div class="counts">${h(facts.counts)}</div>
<blockquote style="border-left-color:${/^#[0-9a-f]{6}$/i.test(q.color) ? q.color : '#999'}">${h(q.exact)}</blockquote>
${q.note ? `<div class="note">Note: ${h(q.note)}</div>` : ''}
<div class="cite">${title} — ${h(q.outlet || 'unknown outlet')}, ${h(q.publishedOn)}${url ? ` — <span>${h(url)}</span>` : ''}</div>
</div>`;
}

export function renderHtmlReport(d: ReportData): string {
  const { relationship: rel, current: c } = d;
  const ab = directionLabel(d, 'ab');
  const ba = directionLabel(d, 'ba');
  const figures = `
<table>
<tr><th class="l">Direction</th><th>Sentiment M</th><th>Pressure R</th><th>Activity A</th></tr>
<tr><td class="l">${h(ab)}</td><td>${fmt(c.ab.M)}</td><td>${fmt(c.ab.R)}</td><td>${fmt(c.ab.A)}</td></tr>
<tr><td class="l">${h(ba)}</td><td>${fmt(c.ba.M)}</td><td>${fmt(c.ba.R)}</td><td>${fmt(c.ba.A)}</td></tr>
<tr><td class="l"><b>Both directions</b></td><td><b>${fmt(c.combined.M)}</b></td><td>${fmt(c.combined.R)}</td><td>${fmt(c.combined.A)}</td></tr>
</table>
<p>Trend: ${h(trendText(d))} · Asymmetry (${h(ab)} minus ${h(ba)}): ${fmt(c.asymmetry)} · Index: ${fmt(c.index)} · Half-life: ${d.halfLifeDays} days</p>`;
  const groups = groupedQuotes(d)
    .map((g) => `<h3>${h(g.heading)} (${g.quotes.length})</h3>${g.quotes.map(quoteBlock).join('')}`)
    .join('');
  const weekly = weeklyPoints(d)
    .map((p) => `<tr><td class="l">${p.date}</td><td>${fmt(p.M)}</td><td>${fmt(p.R)}</td><td>${fmt(p.A)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(`Parley brief: ${rel.label}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<section class="title-page">
<h1>${h(rel.label)}</h1>
<p class="meta">Analyst brief · period ${h(d.fromDate)} to ${h(d.toDate)}</p>
<p class="meta">Analyst: ${h(d.analyst || 'not named')} · generated ${h(new Date(d.generatedAtMs).toISOString())} · ${d.quotes.length} tagged passages</p>
<p class="meta">${d.selection.map(h).join(' · ')}</p>
</section>
<h2>Score on ${h(d.today)}</h2>
${figures}
<h2>Running sentiment</h2>
${sentimentChartSvg(d.series, { ab, ba })}
<details><summary>Weekly values</summary>
<table><tr><th class="l">Date</th><th>M</th><th>R</th><th>A</th></tr>${weekly}</table>
</details>
<h2>Key events</h2>
${
  d.keyEvents.length
    ? `<ol class="key-events">${d.keyEvents
        .map(
          (q) =>
            `<li><span class="tag">${h(q.codeName)}</span> · ${h(q.sourceCode)}→${h(q.targetCode)} · ${h(q.eventDate)} · contribution ${fmt(q.contribution)}<br><q>${h(q.exact)}</q>${q.note ? ` <span class="note">(${h(q.note)})</span>` : ''} <span class="cite">— ${h(q.articleTitle)}, ${h(q.outlet || 'unknown outlet')}</span></li>`,
        )
        .join('')}</ol>`
    : '<p>No event in the period.</p>'
}
<h2>Tagged passages by ${d.groupBy}</h2>
${groups || '<p>No passage of this selection has been tagged in the period.</p>'}
${agreementSectionHtml(d.agreement)}<h2>Weights used</h2>
<table><tr><th class="l">Code</th><th>Weight</th></tr>${d.weights.map((w) => `<tr><td class="l">${h(w.name)}</td><td>${fmt(w.weight, 1)}</td></tr>`).join('')}</table>
</body>
</html>
`;
}
