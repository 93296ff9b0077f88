import os from 'node:os';
import path from 'node:path';

/**
 * The folder holding dist/ and resources/. Bundles live in dist/<side>/, so it
 * is two levels above this file's bundle, in a checkout and inside app.asar.
 */
export function appRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

export function rendererDir(): string {
  return path.join(appRoot(), 'dist', 'renderer');
}

export function sampleFile(): string {
  return path.join(appRoot(), 'resources', 'sample', 'dispatches.json');
}

/** The same folder Electron's app.getPath('userData') gives for "Parley", so both modes share a workspace. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Parley');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Parley');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Parley');
}

export interface LaunchOptions {
  workspace: string;
  port: number;
  sample: boolean;
}

/**
 * Command-line flags win over environment variables:
 * --workspace <file> / PARLEY_WORKSPACE, --port <n> / PARLEY_PORT, --no-sample / PARLEY_NO_SAMPLE=1.
 */
export function launchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  userDataDir = defaultUserDataDir(env),
): LaunchOptions {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`${name}=`));
    return eq?.slice(name.length + 1);
  };
  const workspace = flag('--workspace') ?? env.PARLEY_WORKSPACE ?? path.join(userDataDir, 'workspace.sqlite');
  const portText = flag('--port') ?? env.PARLEY_PORT ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535, not ${portText}`);
  const sample = !(argv.includes('--no-sample') || env.PARLEY_NO_SAMPLE === '1');
  return { workspace: path.resolve(workspace), port, sample };
}
