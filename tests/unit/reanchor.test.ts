import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteSelector } from '../../shared/domain/anchoring';
import { editRegion, mapOffset, reanchor, type StoredAnchor } from '../../shared/domain/reanchor';

const TEXT =
  'Officials in Washington threatened to suspend the trade talks unless New Delhi cut its purchases of crude. ' +
  'Indian negotiators replied that they were ready to lower duties on farm goods. Both sides will meet again next month.';

function anchorOf(text: string, phrase: string, from = 0): StoredAnchor {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`no ${phrase}`);
  return { start, end: start + phrase.length, ...quoteSelector(text, start, start + phrase.length) };
}

function place(oldText: string, newText: string, a: StoredAnchor) {
  return reanchor(newText, a, mapOffset(editRegion(oldText, newText), oldText.length, a.start));
}

const PASSAGE = 'ready to lower duties on farm goods';

describe('re-anchoring after an edit', () => {
  it('keeps the position when the edit comes after the passage', () => {
    const a = anchorOf(TEXT, PASSAGE);
    const edited = `${TEXT} Markets barely moved on the news.`;
    expect(place(TEXT, edited, a)).toEqual({ start: a.start, end: a.end, method: 'position' });
  });

  it('moves with the text when the edit comes before the passage', () => {
    const a = anchorOf(TEXT, PASSAGE);
    const edited = TEXT.replace('Officials in Washington', 'Senior officials in Washington, D.C.,');
    const p = place(TEXT, edited, a)!;
    expect(edited.slice(p.start, p.end)).toBe(PASSAGE);
    expect(p.start).toBe(edited.indexOf(PASSAGE));
  });

  it('finds the passage by exact search when the position cannot be mapped, using the context to pick the right copy', () => {
    const text = 'The envoy said no. Later the minister said no. The talks ended.';
    const second = anchorOf(text, 'said no', 25);
    // Move a sentence around: offsets are useless, the prefix tells the copies apart.
    const edited = 'Later the minister said no. The envoy said no. The talks ended.';
    const p = reanchor(edited, second, 0)!;
    expect(p.method).toBe('exact');
    expect(edited.slice(p.start - 9, p.end)).toBe('minister said no');
  });

  it('finds a passage that was itself corrected with fuzzy search', () => {
    const a = anchorOf(TEXT, PASSAGE);
    const edited = TEXT.replace('ready to lower duties on farm goods', 'ready to lower dutties on farm goods');
    const p = place(TEXT, edited, a)!;
    expect(p.method).toBe('fuzzy');
    expect(edited.slice(p.start, p.end)).toBe('ready to lower dutties on farm goods');
  });

  it('gives up (orphan) when the passage was deleted', () => {
    const a = anchorOf(TEXT, PASSAGE);
    const edited = TEXT.replace(' that they were ready to lower duties on farm goods', '');
    expect(place(TEXT, edited, a)).toBeNull();
  });

  it('never places a passage across paragraphs or on blank text', () => {
    const text = 'Alpha beta gamma delta.\n\nEpsilon zeta eta theta.';
    const a = anchorOf(text, 'gamma delta.');
    expect(reanchor('Alpha beta gamma\n\ndelta. Epsilon.', a)).toBeNull();
  });
});

describe('re-anchoring properties', () => {
  const word = fc.constantFrom(
    'the',
    'envoy',
    'talks',
    'tariff',
    'said',
    'minister',
    'ready',
    'duties',
    'farm',
    'crude',
    'summit',
    'warned',
  );
  const sentence = fc.array(word, { minLength: 3, maxLength: 12 }).map((ws) => `${ws.join(' ')}.`);
  const text = fc.array(sentence, { minLength: 2, maxLength: 8 }).map((ss) => ss.join(' '));
  const insertion = fc.array(word, { minLength: 0, maxLength: 6 }).map((ws) => ws.join(' '));

  it('an edit before or after a passage never loses it, and a passage found once is found where it went', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.nat(), fc.nat(), insertion, fc.boolean(), (t, s0, len0, e0, cut0, ins, before) => {
        const start = s0 % (t.length - 1);
        const end = Math.min(t.length, start + 1 + (len0 % 40));
        const a: StoredAnchor = { start, end, ...quoteSelector(t, start, end) };
        if (a.exact.trim() === '' || a.exact !== a.exact.trim()) return; // analysts' passages are trimmed
        // An edit (delete `cut` characters at `at`, insert `ins`) wholly before or wholly after the passage.
        const at = before ? e0 % (start + 1) : end + (e0 % (t.length - end + 1));
        const room = before ? start - at : t.length - at;
        const cut = room > 0 ? cut0 % (room + 1) : 0;
        const edited = t.slice(0, at) + ins + t.slice(at + cut);
        const p = place(t, edited, a);
        expect(p).not.toBeNull();
        expect(edited.slice(p!.start, p!.end)).toBe(a.exact);
        const trueStart = before ? start + ins.length - cut : start;
        if (edited.indexOf(a.exact) === edited.lastIndexOf(a.exact)) expect(p!.start).toBe(trueStart);
      }),
      { numRuns: 400 },
    );
  });

  it('whatever the edit, a placement is a taggable passage of the new text close to the quote', () => {
    fc.assert(
      fc.property(text, text, fc.nat(), fc.nat(), (t, other, s0, len0) => {
        const start = s0 % (t.length - 1);
        const end = Math.min(t.length, start + 1 + (len0 % 40));
        const a: StoredAnchor = { start, end, ...quoteSelector(t, start, end) };
        const mixed = t.slice(0, start) + other.slice(0, 30) + t.slice(end - 3);
        const p = reanchor(mixed, a, start);
        if (p === null) return;
        expect(p.end).toBeGreaterThan(p.start);
        expect(p.end).toBeLessThanOrEqual(mixed.length);
        const found = mixed.slice(p.start, p.end);
        expect(found.trim()).not.toBe('');
        if (p.method !== 'fuzzy') expect(found).toBe(a.exact);
      }),
      { numRuns: 300 },
    );
  });
});
