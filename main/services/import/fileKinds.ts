/**
 * File names and sizes, kept apart from the readers so that the app and the
 * command line start without loading them (the readers take half a second).
 */
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/api/importSchemas';

export function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return (m?.[1] ?? '').toLowerCase();
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function tooLargeReason(size: number): string {
  return `This file is ${megabytes(size)}; Parley imports files of up to ${megabytes(MAX_IMPORT_FILE_BYTES)}. Split it, or save only the article.`;
}
