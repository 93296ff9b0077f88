import type { ExportedFile } from '../../../../shared/api/exchange';

/** Saves an export through the browser's (or Electron's) download; base64 formats are decoded to bytes first. */
export function saveExported(
  file: ExportedFile | { fileName: string; mimeType: string; content: string; encoding?: 'utf8' | 'base64' },
): void {
  const body = file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content;
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A File from an <input type="file"> as base64, for export:import. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
