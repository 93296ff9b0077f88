/**
 * Browser mode: the workbench served on 127.0.0.1 with a per-run token.
 * Run directly (node dist/main/server.cjs [--workspace f] [--port n] [--no-sample])
 * or by `npm start` where no Electron binary exists.
 */
import { createDispatch } from '../api/dispatch';
import { launchOptions, rendererDir, sampleFile } from '../paths';
import { scheduleDailyBackups } from '../services/backup';
import { startWorkspace } from '../services/workspace';
import { startBackgroundSync } from '../services/desk/background';
import { startBrowserServer } from './http';

async function main(): Promise<void> {
  const options = launchOptions(process.argv.slice(2));
  const ctx = startWorkspace(options.workspace, { sampleFile: options.sample ? sampleFile() : null });
  let server: Awaited<ReturnType<typeof startBrowserServer>>;
  try {
    server = await startBrowserServer({ dispatch: createDispatch(ctx), staticDir: rendererDir(), port: options.port });
  } catch (err) {
    // Not serving means not holding the workspace: the lock goes with it, so the next start is not refused.
    ctx.workspace.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(
        `port ${options.port} on 127.0.0.1 is already in use. Start with another --port, or leave it out to use any free port.`,
      );
    throw err;
  }
  const backups = scheduleDailyBackups(ctx);
  // Syncs with the desk, when one is set, every few seconds (PARLEY_DESK_INTERVAL_MS: tests sync faster).
  const stopDesk = startBackgroundSync(ctx, Number(process.env.PARLEY_DESK_INTERVAL_MS) || 5_000);
  console.log(`Parley browser mode: ${server.url}`);
  console.log(`Workspace: ${ctx.workspace.path}`);
  console.log('Open the address above in a browser. Press Ctrl+C to stop.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopDesk();
    void Promise.allSettled([server.close(), backups.stop()]).then(() => {
      try {
        ctx.workspace.close();
      } catch (err) {
        console.error(`parley: closing the workspace failed: ${(err as Error).message}`);
      }
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Parley could not start: ${(err as Error).message}`);
  process.exit(1);
});
