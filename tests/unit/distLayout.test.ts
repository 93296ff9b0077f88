import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');

/** dist/ is what electron-builder packages: the app only, with the benchmark and test helpers built apart. */
describe('the build output', () => {
  it('dist/ holds the app only (main and renderer), the benchmark in dist-bench/ and test helpers in dist-test/', () => {
    expect(fs.existsSync(path.join(dist, 'main', 'server.cjs')), 'npm run build has run').toBe(true);
    expect(fs.readdirSync(dist).sort()).toEqual(['main', 'renderer']);
    const bundles = fs.readdirSync(path.join(dist, 'main')).filter((f) => f.endsWith('.cjs'));
    expect(bundles.sort()).toEqual([
      'cli.cjs',
      'electron.cjs',
      'importWorker.cjs',
      'preload.cjs',
      'server.cjs',
      'suggestWorker.cjs',
      'workspaceWorker.cjs',
    ]);
    expect(fs.existsSync(path.join(root, 'dist-bench', 'bench.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'dist-test', 'crash-writer.cjs'))).toBe(true);
  });
});
