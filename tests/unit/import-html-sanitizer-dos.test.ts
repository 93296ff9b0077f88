/**
 * The pasted-HTML property test used to hang after a few hundred cases: jsdom
 * keeps every NodeIterator DOMPurify creates in a set on the document behind
 * <template> that only garbage collection empties, and walks that set on
 * every node removal, so each sanitize made all later ones slower (2,000
 * pastes in one synchronous run took minutes; case 1,677 of seed 11, below,
 * then ran for over a minute on its own). No single input is slow by itself:
 * the minimal reproduction is the same small fragment sanitized a few
 * thousand times in a row. htmlText.ts now empties that set after each call.
 */
import { describe, expect, it } from 'vitest';
import { htmlToArticleText, sanitizeArticleHtml } from '../../main/services/import/htmlText';

// The fragment fast-check was sanitizing when the 2,000-case run stopped (seed 11, case 1,677).
const CASE_1677 = [
  '<textarea background="N+N<aza9"></textarea>',
  '<embed srcdoc="vbscript:msgbox">pJ</embed>',
  '<style></style>',
  '<textarea formaction="+ob">ln{<object data="javascript:alert(1)"><p background="">,</p></textarea>',
  '<embed><table href="\' 6~"><title id="(olu0Y+sn\\"></title><input autofocus onfocus=alert(1)><a href="javascript:alert(1)">x</a>)3J6Qis#f5H7',
].join('');
const SMALL =
  '<p>The envoy <b>spoke</b> <img src=x onerror=alert(1)><svg><script>alert(1)</script></svg></p><p>Talks <a href="https://ok.example/">resume</a>.</p>';

describe('sanitizing many fragments in one run (the property-test hang)', () => {
  it('3,000 sanitizations in a row take under 60 s, and the last 500 are not slower than 3 × the first 500', () => {
    const batch = () => {
      const t = performance.now();
      for (let i = 0; i < 500; i++) expect(htmlToArticleText(SMALL).text).toBe('The envoy spoke\n\nTalks resume.');
      return performance.now() - t;
    };
    const started = performance.now();
    batch(); // warm-up: the first calls load and compile jsdom and DOMPurify
    const first = batch();
    for (let i = 0; i < 3; i++) batch();
    const last = batch();
    // Before the fix the last 500 took ~20× the first (2,000 calls: ~170 s under load); now about the same.
    expect(last).toBeLessThan(first * 3 + 250);
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('case 1,677 of the property test, after 2,000 other sanitizations, is read in under 2 s', () => {
    for (let i = 0; i < 2_000; i++) htmlToArticleText(SMALL);
    const t = performance.now();
    const { html, text } = htmlToArticleText(CASE_1677);
    expect(performance.now() - t).toBeLessThan(2_000);
    // The <textarea>'s markup is its text (escaped); no element or attribute of it survives.
    expect(html).not.toMatch(/<(script|style|object|embed|input|textarea|title)\b|href="javascript|\son\w+=/i);
    expect(html).toContain('<a>x</a>');
    expect(text).toContain('pJ');
    expect(sanitizeArticleHtml(html)).toBe(html);
  }, 120_000);

  it('a comment next to text that looks like a tag is read, not refused (case 6,959 of the 10,000-case run)', () => {
    // DOMPurify judged the root <div> of an in-place sanitize unsafe (its text and its markup both look like
    // markup) and threw "a node selected for removal could not be detached"; comments now go first.
    for (const fragment of ['<![CDATA[<script>x</script>]]></', '<!--x--></', '<p>a<!-- b --></p>&lt;/p']) {
      const { html, text } = htmlToArticleText(fragment);
      expect(html).not.toMatch(/<(script|!--)/i);
      expect(text).toContain('</');
      expect(sanitizeArticleHtml(html)).toBe(html);
    }
  });
});
