/**
 * RTF text. No well-kept npm library reads RTF to plain text (the candidates
 * are unmaintained or only de-encapsulate HTML from e-mail), so this is a small
 * reader of the RTF 1.9 syntax: groups, control words, \'hh bytes in the
 * document's code page, \uN Unicode escapes, and destinations to skip.
 */
import { present } from '../../../shared/domain/present';
import { emptyDocument, ImportRefusal, type ParsedDocument } from './document';

// Destinations that hold no body text.
const SKIP = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'object',
  'header',
  'footer',
  'headerl',
  'headerr',
  'footerl',
  'footerr',
  'footnote',
  'field-inst',
  'fldinst',
  'listtable',
  'listoverridetable',
  'revtbl',
  'rsidtbl',
  'generator',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'latentstyles',
  'datastore',
  'pgdsctbl',
  'bkmkstart',
  'bkmkend',
  'shp',
  'nonshppict',
  'mmathPr',
  'filetbl',
]);

export function importRtf(bytes: Uint8Array): ParsedDocument {
  const src = new TextDecoder('latin1').decode(bytes);
  if (!src.startsWith('{\\rtf')) throw new ImportRefusal('This file is not RTF: it does not start the way RTF documents do.');
  const codepage = /\\ansicpg(\d+)/.exec(src.slice(0, 500))?.[1] ?? '1252';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(`windows-${codepage}`);
  } catch {
    decoder = new TextDecoder('windows-1252');
  }
  const out: string[] = [];
  let pendingBytes: number[] = [];
  const flushBytes = () => {
    if (pendingBytes.length) out.push(decoder.decode(new Uint8Array(pendingBytes)));
    pendingBytes = [];
  };
  const emit = (s: string) => {
    flushBytes();
    out.push(s);
  };
  interface State {
    skip: boolean;
    uc: number;
  }
  const stack: State[] = [];
  let state: State = { skip: false, uc: 1 };
  let skipChars = 0; // characters to skip after a \uN escape
  let depth = 0;
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === '{') {
      stack.push(state);
      state = { ...state };
      depth++;
      i++;
      // "{\*\dest" marks a destination a reader may ignore.
      if (src.startsWith('\\*', i)) state.skip = true;
      continue;
    }
    if (c === '}') {
      state = stack.pop() ?? state;
      depth--;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (next === "'") {
        const hex = src.slice(i + 2, i + 4);
        i += 4;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        if (!state.skip) pendingBytes.push(parseInt(hex, 16));
        continue;
      }
      if (/[a-zA-Z]/.test(next)) {
        // `next` is a letter, so there is a control word here.
        const m = present(/^([a-zA-Z]+)(-?\d+)? ?/.exec(src.slice(i + 1, i + 40)), 'an RTF control word');
        const word = m[1] ?? '';
        const param = m[2] === undefined ? null : Number(m[2]);
        i += 1 + m[0].length;
        if (SKIP.has(word)) state.skip = true;
        if (state.skip) continue;
        if (word === 'par' || word === 'sect' || word === 'page') emit('\n\n');
        else if (word === 'line') emit('\n');
        else if (word === 'tab' || word === 'cell') emit(' ');
        else if (word === 'row') emit('\n\n');
        else if (word === 'uc' && param !== null) state.uc = param;
        else if (word === 'u' && param !== null) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          skipChars = state.uc;
        } else if (word === 'emdash') emit('—');
        else if (word === 'endash') emit('–');
        else if (word === 'lquote') emit('‘');
        else if (word === 'rquote') emit('’');
        else if (word === 'ldblquote') emit('“');
        else if (word === 'rdblquote') emit('”');
        else if (word === 'bullet') emit('•');
        continue;
      }
      // Control symbols: \\ \{ \} are literal; \~ is a non-breaking space; others are ignored.
      i += 2;
      if (skipChars > 0) {
        skipChars--;
        continue;
      }
      if (state.skip) continue;
      if (next === '\\' || next === '{' || next === '}') emit(next);
      else if (next === '~') emit('\u00a0');
      else if (next === '\n' || next === '\r') emit('\n\n');
      continue;
    }
    i++;
    if (c === '\r' || c === '\n') continue;
    if (skipChars > 0) {
      skipChars--;
      continue;
    }
    if (!state.skip) pendingBytes.push(c.charCodeAt(0));
  }
  flushBytes();
  if (depth > 0)
    throw new ImportRefusal('This RTF file is cut short (its groups are not closed); it may be damaged. Save it again and retry.');
  const doc = emptyDocument('RTF');
  doc.text = out.join('');
  const title = /\\title\s+([^}]*)}/.exec(src)?.[1];
  if (title) doc.title = title.trim();
  const author = /\\author\s+([^}]*)}/.exec(src)?.[1];
  if (author) doc.author = author.trim();
  return doc;
}
