import { ImportRefusal } from './document';

/**
 * Bytes to text: UTF-8 (or UTF-16 with a byte order mark); if the bytes are not
 * valid UTF-8, Windows-1252 (a superset of Latin-1, the usual encoding of older
 * Western files) is tried. Text that still looks like binary data is refused.
 */
export function decodeText(bytes: Uint8Array, declaredCharset?: string): { text: string; encoding: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return checked(new TextDecoder('utf-16le').decode(bytes), 'UTF-16');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return checked(new TextDecoder('utf-16be').decode(bytes), 'UTF-16');
  const declared = declaredCharset ? safeDecoder(declaredCharset) : null;
  if (declared && declared.encoding !== 'utf-8') return checked(declared.decode(bytes), declared.encoding);
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'UTF-8');
  } catch {
    return checked(new TextDecoder('windows-1252').decode(bytes), 'Windows-1252');
  }
}

function safeDecoder(label: string): InstanceType<typeof TextDecoder> | null {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

function checked(text: string, encoding: string): { text: string; encoding: string } {
  const sample = text.slice(0, 65536);
  // Control characters other than tab, line breaks and form feed do not occur in text files.
  // eslint-disable-next-line no-control-regex
  const controls = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (sample.includes('\u0000') || controls > sample.length * 0.01) {
    throw new ImportRefusal(
      `This file is not readable text (tried UTF-8, then ${encoding === 'UTF-8' ? 'Windows-1252' : encoding}); it looks like binary data. ` +
        'Open it in the program that made it and save it as text, PDF or Word.',
    );
  }
  return { text: text.replace(/^\ufeff/, ''), encoding };
}
