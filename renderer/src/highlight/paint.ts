import type { Annotation, Code } from '../../../shared/api/schemas';
import type { TextIndex } from './textIndex';

/**
 * Paints annotations with the CSS Custom Highlight API: one highlight per
 * code, no element added to the article. Colours come from the codebook
 * through a constructed stylesheet (allowed by the strict CSP, unlike <style>).
 */

const PREFIX = 'parley-code-';
export const SELECTED_HIGHLIGHT = 'parley-selected';
const sheet = new CSSStyleSheet();
let sheetAdopted = false;
let paintedNames: string[] = [];

export function highlightName(codeId: number): string {
  return `${PREFIX}${codeId}`;
}

export function applyCodeColors(codes: readonly Code[]): void {
  const rules = codes.map(
    (c) => `::highlight(${highlightName(c.id)}) { background-color: color-mix(in srgb, ${c.color} 32%, transparent); }`,
  );
  rules.push(
    `::highlight(${SELECTED_HIGHLIGHT}) { background-color: color-mix(in srgb, var(--accent) 30%, transparent); text-decoration: underline 2px var(--accent); }`,
  );
  sheet.replaceSync(rules.join('\n'));
  if (!sheetAdopted) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    sheetAdopted = true;
  }
}

export function paintHighlights(index: TextIndex, annotations: readonly Annotation[], selectedId: number | null): number {
  const byCode = new Map<number, StaticRange[]>();
  let painted = 0;
  let selected: StaticRange | null = null;
  for (const a of annotations) {
    const range = index.rangeFor(a.start, a.end);
    if (!range) continue;
    let list = byCode.get(a.codeId);
    if (!list) byCode.set(a.codeId, (list = []));
    list.push(range);
    painted++;
    if (a.id === selectedId) selected = range;
  }
  clearHighlights();
  for (const [codeId, ranges] of byCode) {
    const name = highlightName(codeId);
    CSS.highlights.set(name, new Highlight(...ranges));
    paintedNames.push(name);
  }
  if (selected) {
    const h = new Highlight(selected);
    h.priority = 1;
    CSS.highlights.set(SELECTED_HIGHLIGHT, h);
    paintedNames.push(SELECTED_HIGHLIGHT);
  }
  return painted;
}

export function clearHighlights(): void {
  for (const name of paintedNames) CSS.highlights.delete(name);
  paintedNames = [];
}

export const SEARCH_HIT_HIGHLIGHT = 'parley-search-hit';

/** Marks the word a search found (kept apart from the tag highlights, which are repainted often). */
export function paintSearchHit(range: StaticRange | null): void {
  if (range) CSS.highlights.set(SEARCH_HIT_HIGHLIGHT, new Highlight(range));
  else CSS.highlights.delete(SEARCH_HIT_HIGHLIGHT);
}
