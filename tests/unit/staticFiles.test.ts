import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStaticFile } from '../../main/server/staticFiles';

// Made when the file loads: the table of cases below names paths inside it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-static-'));
const root = path.join(dir, 'renderer');

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), '');
  fs.writeFileSync(path.join(root, 'assets', 'app-1a2b.CSS'), '');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), '');
  fs.writeFileSync(path.join(root, 'assets', 'notes.xyz'), '');
  // A sibling whose name starts like the root's: a prefix check without the separator would let it through.
  fs.mkdirSync(`${root}-secret`);
  fs.writeFileSync(path.join(`${root}-secret`, 'key.txt'), 'secret');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'secret');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the renderer file server shared by Electron and browser mode', () => {
  it('maps / to index.html and names the type of each file', () => {
    expect(findStaticFile(root, '/')).toEqual({
      file: path.join(root, 'index.html'),
      rel: 'index.html',
      contentType: 'text/html; charset=utf-8',
    });
    expect(findStaticFile(root, '/assets/app-1a2b.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(findStaticFile(root, '/assets/app-1a2b.CSS')?.contentType).toBe('text/css; charset=utf-8');
    expect(findStaticFile(root, '/assets/font.woff2')?.contentType).toBe('font/woff2');
    expect(findStaticFile(root, '/assets/notes.xyz')?.contentType).toBe('application/octet-stream');
    expect(findStaticFile(root, '/assets/app%2D1a2b.js')?.rel).toBe(path.join('assets', 'app-1a2b.js'));
  });

  it.each([
    ['a missing file', '/missing.js'],
    ['a folder', '/assets'],
    ['a folder with a slash', '/assets/'],
    ['a climb out of the root', '/../outside.txt'],
    ['an encoded climb', '/%2e%2e/outside.txt'],
    ['an encoded separator climb', '/assets%2F..%2F..%2Foutside.txt'],
    ['a sibling folder sharing the prefix', '/../renderer-secret/key.txt'],
    ['an absolute path', `/${path.join(dir, 'outside.txt')}`],
    ['a malformed escape', '/%E0%A4%A'],
    ['a NUL byte', '/index.html%00.js'],
  ])('answers nothing for %s', (_label, p) => {
    expect(findStaticFile(root, p)).toBeNull();
  });
});
