import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../shared/api/exchange';
import { startWorkspace } from '../../main/services/workspace';
import { SAMPLE_FILE, tempDir } from '../helpers/workspace';

const CLI = path.resolve(__dirname, '../../dist/main/cli.cjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('command line exports, backup, restore and merge', () => {
  it('writes every format for the sample workspace', () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'sample.sqlite');
    startWorkspace(workspace, { sampleFile: SAMPLE_FILE }).workspace.close();
    for (const format of EXPORT_FORMATS) {
      const out = path.join(dir, `out-${format}`);
      const r = cli('export', format, '--relationship', 'USA-IND', '--out', out, '--workspace', workspace, '--analyst', 'Ana Lyst');
      expect(r.status, `${format}: ${r.stdout}${r.stderr}`).toBe(0);
      expect(fs.statSync(out).size, format).toBeGreaterThan(200);
    }
    expect(fs.readFileSync(path.join(dir, 'out-brief-pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(path.join(dir, 'out-qdpx')).subarray(0, 2).toString()).toBe('PK');
    const bad = cli('export', 'xls', '--relationship', 'USA-IND', '--workspace', workspace);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('brief-pdf');
    const noRel = cli('export', 'qdc', '--relationship', 'USA-XXX', '--workspace', workspace);
    expect(noRel.stdout).toContain('USA-IND');

    // Backup, list, restore with a preview first, and a merge of an export.
    const b = cli('backup', '--workspace', workspace);
    expect(b.status, b.stderr).toBe(0);
    const name = /parley-manual-\d{8}-\d{6}(?:-\d+)?\.sqlite/.exec(b.stdout)![0];
    expect(cli('backup', '--list', '--workspace', workspace).stdout).toContain(name);
    const preview = cli('restore', name, '--workspace', workspace);
    expect(preview.status).toBe(1);
    expect(preview.stdout).toContain('Nothing was changed');
    const restored = cli('restore', name, '--yes', '--workspace', workspace);
    expect(restored.status, restored.stdout + restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/saved as parley-pre-restore-/);
    const empty = path.join(dir, 'empty.sqlite');
    const merged = cli('merge', path.join(dir, 'out-qdpx'), '--workspace', empty);
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/Annotations: [1-9]\d* added/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
