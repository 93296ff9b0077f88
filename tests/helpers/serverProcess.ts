import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SERVER = path.resolve(__dirname, '../../dist/main/server.cjs');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote so far. */
  output(): string;
}

/** Starts the built browser-mode server (a real process) on `workspace` and waits for its address. */
export function startServerProcess(workspace: string, args: string[] = ['--no-sample']): Promise<ServerProcess> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run node scripts/build.mjs first`);
  const child = spawn(process.execPath, [SERVER, '--workspace', workspace, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Parley browser mode: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export function runServerToExit(workspace: string, args: string[] = ['--no-sample']): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [SERVER, '--workspace', workspace, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('Parley browser mode:')) child.kill('SIGKILL');
  });
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output: out })));
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export async function kill(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const done = exited(child);
  child.kill(signal);
  return done;
}
