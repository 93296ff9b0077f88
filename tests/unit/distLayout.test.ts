import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedFontsRoot } from '../../main/services/report/shippedFonts';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');

/** dist/ is what electron-builder packages: the app only, with the benchmark and test helpers built apart. */
describe('the build output', () => {
  it('dist/ holds the app only (main, renderer and the shipped fonts), the benchmark in dist-bench/ and test helpers in dist-test/', () => {
    expect(fs.existsSync(path.join(dist, 'main', 'server.cjs')), 'npm run build has run').toBe(true);
    expect(fs.readdirSync(dist).sort()).toEqual(['fonts', 'main', 'renderer']);
    // electron-builder packages what its `files` list names: each of them.
    const builder = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    for (const dir of fs.readdirSync(dist)) expect(builder, dir).toContain(`\n  - dist/${dir}/**\n`);
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

  it('dist/fonts holds the regular WOFF Noto CJK slices and Noto Emoji with their ranges and licence, found from dist/main', () => {
    const fonts = path.join(dist, 'fonts');
    expect(fs.readdirSync(fonts).sort()).toEqual(['noto-emoji', 'noto-sans-jp', 'noto-sans-kr', 'noto-sans-sc', 'noto-sans-tc']);
    let bytes = 0;
    for (const id of fs.readdirSync(fonts)) {
      expect(fs.readFileSync(path.join(fonts, id, 'LICENSE'), 'utf8'), id).toContain('SIL Open Font License, Version 1.1');
      const ranges = Object.keys(JSON.parse(fs.readFileSync(path.join(fonts, id, 'unicode.json'), 'utf8')) as object);
      const files = fs.readdirSync(path.join(fonts, id, 'files'));
      // One file per numbered slice of unicode.json (the emoji font whole), regular weight, WOFF only.
      const expected = id === 'noto-emoji' ? ['emoji'] : ranges.map((r) => /^\[(\d+)\]$/.exec(r)?.[1]).filter((n) => n !== undefined);
      expect(files.sort(), id).toEqual(expected.map((n) => `${id}-${n}-400-normal.woff`).sort());
      for (const f of files) bytes += fs.statSync(path.join(fonts, id, 'files', f)).size;
    }
    expect(bytes).toBeLessThan(14 << 20);
    // What the built server, CLI and app (dist/main/*.cjs, inside app.asar when packaged) read.
    expect(shippedFontsRoot(path.join(dist, 'main'))).toBe(fonts);
  });
});
