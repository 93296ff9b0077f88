import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../.cache/reliability/', import.meta.url));

/** As tests/helpers/figures.ts, for the Playwright specs (ES modules, no __dirname). */
export function recordE2eFigures(name: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, `${name}.json`), JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2));
}
