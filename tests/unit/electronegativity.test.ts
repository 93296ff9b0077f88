/**
 * Electronegativity (Doyensec's Electron security scanner) over the Electron
 * shell's source and the renderer's HTML, through its programmatic API (its
 * command line exits 0 even with findings). Fails on any finding of MEDIUM
 * severity or above that is not suppressed inline with `eng-disable` on a line
 * whose previous line gives the reason ("security: …").
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { recordFigures } from '../helpers/figures';
import { tempDir } from '../helpers/workspace';

const root = path.resolve(__dirname, '../..');
const require_ = createRequire(import.meta.url);

interface Finding {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: string; value: number };
  description: string;
}

function stageSources(): string {
  const dir = tempDir('parley-eng-');
  fs.cpSync(path.join(root, 'main'), path.join(dir, 'main'), { recursive: true });
  fs.copyFileSync(path.join(root, 'renderer/index.html'), path.join(dir, 'index.html'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}

/** The scanner tries to fetch translations and Electron's release list; keep it on this machine. */
function refuseOutboundConnections(): () => void {
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const opts = args[0] as { host?: string } | number;
    const host = typeof opts === 'object' && opts ? opts.host : undefined;
    if (host && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
      process.nextTick(() => this.destroy(new Error(`outbound connection to ${host} refused by the test`)));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return () => {
    net.Socket.prototype.connect = original;
  };
}

describe('Electronegativity', () => {
  it('finds nothing of medium severity or above that is not suppressed with a reason', async () => {
    const run = require_('@doyensec/electronegativity') as (
      o: object,
    ) => Promise<{ issues: Finding[]; errors: { file: string; message: string; tolerable?: boolean }[] }>;
    const input = stageSources();
    const restore = refuseOutboundConnections();
    const log = console.log;
    console.log = () => {};
    let result: Awaited<ReturnType<typeof run>>;
    try {
      const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
      result = await run({
        input,
        electronVersionOverride: electronVersion,
        isRelative: true,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      });
    } finally {
      console.log = log;
      restore();
      fs.rmSync(input, { recursive: true, force: true });
    }
    const serious = result.issues.filter((i) => i.severity.value >= 2); // MEDIUM = 2, HIGH = 3
    recordFigures('electronegativity', {
      findingsMediumOrAbove: serious.length,
      findingsBelowMedium: result.issues.length - serious.length,
      lowFindings: result.issues.filter((i) => i.severity.value < 2).map((i) => `${i.id} (${i.severity.name})`),
    });
    const report = serious.map((i) => `${i.id} ${i.severity.name} ${i.file}:${i.location.line} ${i.description}`);
    expect(report, 'Electronegativity findings').toEqual([]);
    const fatal = result.errors.filter((e) => !e.tolerable);
    expect(
      fatal.map((e) => `${e.file}: ${e.message}`),
      'files the scanner could not parse',
    ).toEqual([]);
  }, 120_000);

  it('every suppression says why on the line before', () => {
    const files = fs
      .readdirSync(path.join(root, 'main'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    let suppressions = 0;
    for (const f of files) {
      const lines = fs.readFileSync(path.join(root, 'main', f), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!/eng-disable/.test(line)) return;
        suppressions++;
        expect(lines[i - 1] ?? '', `${f}:${i + 1} needs a "// security: <reason>" line above its eng-disable`).toMatch(
          /\/\/ security: \S.{15,}/,
        );
      });
    }
    expect(suppressions).toBeGreaterThan(0);
  });
});
