/**
 * The Electron shell, kept thin: it starts the workspace worker (main/worker:
 * the database, the dispatcher and the daily backups run there, never on this
 * event loop), serves the renderer from app://parley, forwards the contract's
 * IPC to the worker and locks the window down (Electron's security checklist).
 * Everything else is shared with browser mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { launchOptions, rendererDir, sampleFile } from '../paths';
import { CONTENT_SECURITY_POLICY, findStaticFile } from '../server/staticFiles';
import { startWorkspaceHost, type WorkspaceHost } from '../worker/host';
import { readDeskPasswords, writeDeskPassword } from './deskPassword';
import { externalLinkPrompt } from './externalLink';
import { applicationMenuTemplate } from './menu';
import { APP_ORIGIN, isAppUrl, isTrustedSender } from './sender';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let host: WorkspaceHost | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Parley could not start', (err as Error).message);
      app.quit();
    });
}

function serveRenderer(): void {
  const root = rendererDir();
  protocol.handle('app', (request) => {
    const found = isAppUrl(request.url) ? findStaticFile(root, new URL(request.url).pathname) : null;
    if (!found) return new Response('Not found', { status: 404 });
    return new Response(fs.readFileSync(found.file), {
      headers: {
        'content-type': found.contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

async function start(): Promise<void> {
  const options = launchOptions(process.argv.slice(1), process.env, app.getPath('userData'));
  try {
    host = await startWorkspaceHost({
      file: options.workspace,
      sampleFile: options.sample ? sampleFile() : null,
      nativeBinding: process.env.PARLEY_NATIVE_BINDING || undefined,
      dailyBackups: true,
      deskSyncMs: 5_000,
      deskPasswords: readDeskPasswords(app.getPath('userData')),
      onDeskPassword: (user, password) => writeDeskPassword(app.getPath('userData'), user, password),
      onCrash: (err) => {
        dialog.showErrorBox(
          'Parley stopped',
          `The workspace thread failed (${err.message}). Work saved before this is intact; start Parley again.`,
        );
        app.exit(1);
      },
    });
  } catch (err) {
    dialog.showErrorBox('Parley could not open the workspace', (err as Error).message);
    app.quit();
    return;
  }
  const { dispatch } = host;

  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ packaged: app.isPackaged, platform: process.platform })));

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();

  ipcMain.handle('parley:invoke', (event, op: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, event.sender.mainFrame)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Requests from outside the Parley window are refused.' } };
    }
    return dispatch(op, input);
  });

  const win = new BrowserWindow({
    width: 1440,
    height: 920,
    show: false,
    title: 'Parley',
    webPreferences: {
      // security: the preload exposes only the contract's operations (see preload.ts) through contextBridge, sandboxed.
      preload: path.join(__dirname, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

const linkFailed = (err: Error) => dialog.showErrorBox('The link could not be opened', err.message);

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const prompt = externalLinkPrompt(url);
    if (prompt) {
      const choice = dialog.showMessageBoxSync({
        type: 'question',
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: prompt.message,
        detail: prompt.detail,
      });
      // security: only http(s) URLs reach here, and only after the analyst confirmed this exact address, shown in full.
      if (choice === 0) shell.openExternal(prompt.href).catch(linkFailed); // eng-disable OPEN_EXTERNAL_JS_CHECK
    }
    return { action: 'deny' };
  });
});

app.on('window-all-closed', () => {
  // The worker answers what the window asked, then closes the workspace (and its lock) before the app quits.
  void Promise.allSettled([host?.close()]).then(() => {
    host = null;
    app.quit();
  });
});
