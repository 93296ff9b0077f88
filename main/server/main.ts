/**
 * Browser mode: the workbench served on 127.0.0.1 with a per-run token.
 * Run directly (node dist/main/server.cjs [--workspace f] [--port n] [--no-sample])
 * or by `npm start` where no Electron binary exists. The workspace, the
 * dispatcher and the daily backups run in the workspace worker (main/worker);
 * this thread only serves HTTP.
 */
import { launchOptions, rendererDir, sampleFile } from '../paths';
import { startWorkspaceHost } from '../worker/host';
import { startBrowserServer } from './http';

async function main(): Promise<void> {
  const options = launchOptions(process.argv.slice(2));
  const host = await startWorkspaceHost({
    file: options.workspace,
    sampleFile: options.sample ? sampleFile() : null,
    dailyBackups: true,
    // Syncs with the desk, when one is set, every few seconds (PARLEY_DESK_INTERVAL_MS: tests sync faster).
    deskSyncMs: Number(process.env.PARLEY_DESK_INTERVAL_MS) || 5_000,
    onCrash: (err) => {
      console.error(`Parley stopped: the workspace thread failed (${err.message}). Work saved before this is intact; start Parley again.`);
      process.exit(1);
    },
  });
  let server: Awaited<ReturnType<typeof startBrowserServer>>;
  try {
    server = await startBrowserServer({
      dispatch: host.dispatch,
      dispatchJson: host.dispatchJson,
      staticDir: rendererDir(),
      port: options.port,
    });
  } catch (err) {
    // Not serving means not holding the workspace: the lock goes with it, so the next start is not refused.
    await host.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(
        `port ${options.port} on 127.0.0.1 is already in use. Start with another --port, or leave it out to use any free port.`,
      );
    throw err;
  }
  console.log(`Parley browser mode: ${server.url}`);
  console.log(`Workspace: ${host.path}`);
  console.log('Open the address above in a browser. Press Ctrl+C to stop.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // The server stops taking requests; the worker answers those it has, then closes the workspace.
    void server
      .close()
      .then(() => host.close())
      .catch((err: unknown) => console.error(`parley: closing the workspace failed: ${(err as Error).message}`))
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Parley could not start: ${(err as Error).message}`);
  process.exit(1);
});
