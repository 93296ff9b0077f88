/**
 * A guard run before any HTML is parsed: pages nested absurdly deep (100,000
 * elements inside each other) make the DOM libraries take minutes. Real
 * article pages nest a few dozen levels, rarely a few hundred.
 */
import { ImportRefusal } from './document';

export const MAX_HTML_NESTING = 1_000;

// Elements that never hold children, or that the parser closes by itself when the next one starts.
const NOT_NESTING = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'thead',
  'tbody',
  'tfoot',
  'rp',
  'rt',
]);

/** The deepest nesting of elements the markup opens, counted from its tags alone (comments, scripts and styles skipped). */
export function nestingDepth(html: string): number {
  const tags = /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/gi;
  let depth = 0;
  let deepest = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    const name = m[3]?.toLowerCase();
    if (!name || NOT_NESTING.has(name) || m[4] === '/') continue;
    if (m[2] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > deepest) deepest = depth;
  }
  return deepest;
}

export function assertReasonableNesting(html: string): void {
  const depth = nestingDepth(html);
  if (depth > MAX_HTML_NESTING) {
    throw new ImportRefusal(
      `This page nests its elements ${depth.toLocaleString('en')} deep, where article pages nest a few dozen levels ` +
        `(Parley reads pages up to ${MAX_HTML_NESTING.toLocaleString('en')}). It was not read; it is most likely damaged or hostile.`,
    );
  }
}
