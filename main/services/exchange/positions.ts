/**
 * Parley stores offsets in UTF-16 code units (JavaScript strings); the W3C Web
 * Annotation model and REFI-QDA count Unicode code points. Exchange files are
 * written and read in code points and converted here, both ways.
 */

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** The code-point offset of UTF-16 offset `utf16` in `text`. */
export function toCodePoints(text: string, utf16: number): number {
  return codePointLength(text.slice(0, utf16));
}

/** The UTF-16 offset of code-point offset `cp` in `text` (clamped to the text). */
export function toUtf16(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1; // i < text.length: always a code point
  return i;
}

/**
 * A foreign source text as Parley stores it: exactly as written, except that
 * CR LF and lone CR become LF (the reader and anchoring work on LF). Offsets
 * into the original are mapped through that change.
 */
export function storableText(raw: string): { text: string; mapOffset: (offset: number) => number } {
  const removed: number[] = []; // original offsets of each CR dropped before an LF
  for (let i = raw.indexOf('\r'); i >= 0; i = raw.indexOf('\r', i + 1)) if (raw[i + 1] === '\n') removed.push(i);
  const text = raw.replace(/\r\n?/g, '\n');
  if (removed.length === 0) return { text, mapOffset: (o) => o };
  return {
    text,
    mapOffset(o) {
      let lo = 0;
      let hi = removed.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((removed[mid] ?? o) < o)
          lo = mid + 1; // mid < removed.length
        else hi = mid;
      }
      return o - lo;
    },
  };
}
