import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/workspace';

const CLI = path.resolve(__dirname, '../../dist/main/cli.cjs');

describe('command line', () => {
  it('reports on a given workspace, and lists its commands', () => {
    expect(fs.existsSync(CLI), 'dist/main/cli.cjs is built by npm run build').toBe(true);
    const dir = tempDir();
    const workspace = path.join(dir, 'w.sqlite');
    const r = spawnSync(process.execPath, [CLI, 'info', '--workspace', workspace], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Workspace:   ${workspace}`);
    expect(r.stdout).toMatch(/Articles:\s+0 \(0 sample\)/);
    const help = spawnSync(process.execPath, [CLI], { encoding: 'utf8' });
    expect(help.status).toBe(2);
    expect(help.stdout).toContain('Usage: npm run cli --');
    fs.rmSync(dir, { recursive: true });
  });
});
