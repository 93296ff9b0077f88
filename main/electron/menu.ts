/**
 * Parley's own application menu. Electron's default menu carries Reload and
 * Toggle Developer Tools, which a packaged build must not offer (DevTools
 * reach every operation and the analyst's data); they are kept for
 * development only. Pure (a template), so it is tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export function applicationMenuTemplate(opts: { packaged: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!opts.packaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...(mac
      ? [
          {
            label: 'Parley',
            submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }],
          } as MenuItemConstructorOptions,
        ]
      : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      // No undo/redo roles: their Ctrl+Z would undo text editing and never reach Parley's own undo of tags.
      submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { label: 'View', submenu: view },
    { label: 'Window', submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' } as MenuItemConstructorOptions] : [])] },
  ];
}
