import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ImportSummary } from '../../../shared/api/exchange';
import type { AppContext } from '../context';
import type { Bundle } from './bundle';
import { readWebAnnotations } from './jsonld';
import { mergeBundle } from './merge';
import { readQdc, readQdpx } from './qdpxRead';
import { readWorkspaceFile } from './workspaceFile';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** A REFI-QDA codebook (.qdc) opens with <CodeBook>, after an optional XML declaration and comments. */
const CODEBOOK_START = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<CodeBook[\s>]/;
const asText = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\ufeff/, '');

/**
 * Brings in a colleague's file, whatever its kind: a REFI-QDA project
 * (.qdpx) or codebook (.qdc), a Parley JSON-LD export, or a whole Parley workspace. The kind is
 * told from the content, not the name.
 */
export function importBytes(ctx: AppContext, fileName: string, bytes: Uint8Array, analyst = ''): ImportSummary {
  let bundle: Bundle;
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  if (head.startsWith('PK')) bundle = readQdpx(bytes, analyst);
  else if (head === SQLITE_MAGIC) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-merge-'));
    try {
      const file = path.join(dir, 'incoming.sqlite');
      fs.writeFileSync(file, bytes);
      bundle = readWorkspaceFile(file, analyst);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else if (CODEBOOK_START.test(asText(bytes.subarray(0, 4096)))) bundle = readQdc(asText(bytes));
  else if (/^\s*[{[]/.test(asText(bytes.subarray(0, 64)))) bundle = readWebAnnotations(asText(bytes));
  else {
    throw new ApiError(
      'BAD_INPUT',
      `${fileName} is neither a REFI-QDA project (.qdpx) or codebook (.qdc), a Parley JSON-LD export nor a Parley workspace. Nothing was changed.`,
    );
  }
  return mergeBundle(ctx, bundle, fileName, analyst);
}

export function importFile(ctx: AppContext, file: string, analyst = ''): ImportSummary {
  if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `There is no file ${file}.`);
  if (path.resolve(file) === ctx.workspace.path)
    throw new ApiError('BAD_INPUT', 'That is the open workspace itself; choose a colleague’s file.');
  return importBytes(ctx, path.basename(file), fs.readFileSync(file), analyst);
}
