/**
 * Re-anchoring a passage after its article's text was edited (design.md):
 * position if the quote still reads there, else exact search (the occurrence
 * whose prefix/suffix fit best, nearest to where the passage should be), else
 * fuzzy search (approx-string-match, Myers' bit-parallel algorithm). What
 * cannot be placed is reported as null: the caller keeps it as an orphan.
 */
import approxSearch from 'approx-string-match';
import { passageProblem, type TextQuote } from './anchoring';

export interface StoredAnchor extends TextQuote {
  start: number;
  end: number;
}

export type PlacementMethod = 'position' | 'exact' | 'fuzzy';
export interface Placement {
  start: number;
  end: number;
  method: PlacementMethod;
}

/** The one edited region between two texts: oldText[prefix, oldLen - suffix) became newText[prefix, newLen - suffix). */
export interface EditRegion {
  prefix: number;
  suffix: number;
  delta: number;
}

export function editRegion(oldText: string, newText: string): EditRegion {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix))
    suffix++;
  return { prefix, suffix, delta: newText.length - oldText.length };
}

/** Where an offset of the old text lands in the new one (inside the edited region: its start). */
export function mapOffset(region: EditRegion, oldLength: number, offset: number): number {
  if (offset <= region.prefix) return offset;
  if (offset >= oldLength - region.suffix) return offset + region.delta;
  return region.prefix;
}

/** How many characters of context agree: the end of `prefix` before `at`, the start of `suffix` after `end`. */
function contextFit(text: string, start: number, end: number, q: TextQuote): number {
  let fit = 0;
  for (let i = 1; i <= q.prefix.length && start - i >= 0; i++) {
    if (text[start - i] !== q.prefix[q.prefix.length - i]) break;
    fit++;
  }
  for (let i = 0; i < q.suffix.length && end + i < text.length; i++) {
    if (text[end + i] !== q.suffix[i]) break;
    fit++;
  }
  return fit;
}

/** Fewer than this share of the quote's characters may differ for a fuzzy match (and never more than 64). */
const FUZZY_ERROR_SHARE = 0.25;
const FUZZY_MIN_QUOTE = 8;

function placeable(text: string, start: number, end: number): boolean {
  return passageProblem(text, start, end) === null;
}

/**
 * Finds `anchor` (stored against the old text) in `newText`. `expected` is the
 * offset where the passage would start if it moved with the text around it
 * (see mapOffset); defaults to the stored start.
 */
export function reanchor(newText: string, anchor: StoredAnchor, expected: number = anchor.start): Placement | null {
  const { exact } = anchor;
  if (exact.length === 0) return null;
  // 1. Position: the quote, with its prefix and suffix, still reads where the passage should be (or where it was).
  const fullContext = anchor.prefix.length + anchor.suffix.length;
  for (const at of [expected, anchor.start]) {
    if (
      newText.startsWith(exact, at) &&
      contextFit(newText, at, at + exact.length, anchor) === fullContext &&
      placeable(newText, at, at + exact.length)
    ) {
      return { start: at, end: at + exact.length, method: 'position' };
    }
  }
  // 2. Exact search: best context, then nearest.
  let best: { at: number; fit: number; distance: number } | null = null;
  for (let at = newText.indexOf(exact); at >= 0; at = newText.indexOf(exact, at + 1)) {
    const fit = contextFit(newText, at, at + exact.length, anchor);
    const distance = Math.abs(at - expected);
    if (!best || fit > best.fit || (fit === best.fit && distance < best.distance)) best = { at, fit, distance };
  }
  if (best && placeable(newText, best.at, best.at + exact.length)) {
    return { start: best.at, end: best.at + exact.length, method: 'exact' };
  }
  // 3. Fuzzy search, for a passage that was itself edited a little.
  if (exact.length < FUZZY_MIN_QUOTE) return null;
  const maxErrors = Math.min(64, Math.floor(exact.length * FUZZY_ERROR_SHARE));
  let fuzzy: { start: number; end: number; errors: number; fit: number; distance: number } | null = null;
  for (const m of approxSearch(newText, exact, maxErrors)) {
    const candidate = {
      ...trimmed(newText, m.start, m.end),
      errors: m.errors,
      fit: contextFit(newText, m.start, m.end, anchor),
      distance: Math.abs(m.start - expected),
    };
    if (!placeable(newText, candidate.start, candidate.end)) continue;
    if (
      !fuzzy ||
      candidate.errors < fuzzy.errors ||
      (candidate.errors === fuzzy.errors &&
        (candidate.fit > fuzzy.fit || (candidate.fit === fuzzy.fit && candidate.distance < fuzzy.distance)))
    ) {
      fuzzy = candidate;
    }
  }
  return fuzzy ? { start: fuzzy.start, end: fuzzy.end, method: 'fuzzy' } : null;
}

function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end };
}
