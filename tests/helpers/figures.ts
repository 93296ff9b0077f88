import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(__dirname, '../../.cache/reliability');

/** Keeps figures a test measured (for docs/reliability.md) in .cache/reliability/<name>.json. */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, `${name}.json`), JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2));
}
