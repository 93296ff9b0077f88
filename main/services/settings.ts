/**
 * Settings the analyst changes (their name, score marks, backup rotation) go
 * down the one write path: one undoable change set per save, listed in History.
 */
import { setSetting } from '../db/settings';
import type { AppContext } from './context';
import { recordUndoable } from './undo';

export function saveSettings(ctx: AppContext, label: string, values: Readonly<Record<string, string>>): void {
  const { db } = ctx.workspace;
  recordUndoable(ctx, label, (rec) => {
    for (const [key, value] of Object.entries(values)) {
      rec.willChange('settings', 'setting', key);
      setSetting(db, key, value);
    }
  });
}
