import fs from 'node:fs';
import { callBrowserServer as call } from '../support/remote';
import { startServer, stopServer } from './fixtures';

/** A workspace holding `titles`, backed up, then `after` more articles the backup does not have; the server is stopped. */
export async function workspaceWithBackup(workspace: string, titles: string[], after: string[] = []): Promise<void> {
  const server = await startServer(workspace, ['--no-sample']);
  try {
    const add = (title: string, day: number) =>
      call(server.url, 'articles:create', { title, outlet: 'Wire', publishedOn: `2026-03-0${day}`, text: `${title}. The envoys met.` });
    for (const [i, title] of titles.entries()) await add(title, i + 1);
    await call(server.url, 'backup:create');
    for (const title of after) await add(title, 9);
  } finally {
    await stopServer(server.child);
  }
}

/** Overwrites the SQLite header, so the file is no longer recognised as a database; returns the damaged bytes. */
export function damageHeader(workspace: string): Buffer {
  const bytes = fs.readFileSync(workspace);
  bytes.fill(0x5a, 0, 100);
  fs.writeFileSync(workspace, bytes);
  return bytes;
}
