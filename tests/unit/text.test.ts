import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeArticleText, paragraphSpans, plural } from '../../shared/domain/text';

describe('article text normalization', () => {
  it('keeps paragraphs, unwraps lines inside them and folds white space', () => {
    const raw = 'First line\r\nwrapped here.\r\n\r\n\r\n  Second\u00a0\u00a0para\tgraph. \n\n\u200bThird.';
    expect(normalizeArticleText(raw)).toBe('First line wrapped here.\n\nSecond paragraph.\n\nThird.'.replace('paragraph', 'para graph'));
  });

  it('treats each line as a paragraph when the text has no blank lines', () => {
    expect(normalizeArticleText('One.\nTwo.\r\nThree.')).toBe('One.\n\nTwo.\n\nThree.');
  });

  it('composes to NFC', () => {
    expect(normalizeArticleText('Mode\u0301 met Xi')).toBe('Modé met Xi');
  });

  it('is idempotent, and paragraphs never hold a line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeArticleText(s);
        expect(normalizeArticleText(once)).toBe(once);
        for (const p of paragraphSpans(once)) expect(once.slice(p.start, p.end)).not.toContain('\n');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('counts in messages', () => {
  it('says one noun in the singular, any other count in the plural, with thousands separated', () => {
    expect(plural(1, 'passage')).toBe('1 passage');
    expect(plural(0, 'tag')).toBe('0 tags');
    expect(plural(2, 'passage')).toBe('2 passages');
    expect(plural(1204, 'article')).toBe('1,204 articles');
  });
});
