/**
 * Marks settings per relationship, in the workspace's settings table (so they
 * survive a reload and travel with backups). Saving them is an undoable change
 * like any other (services/settings.ts).
 */
import { MARKS_DEFAULTS, MarksSettings } from '../../shared/api/marksSettings';
import { getSetting } from '../db/settings';
import type { AppContext } from './context';
import { requireRelationship } from './score';
import { saveSettings } from './settings';

const keyOf = (relationshipId: number) => `score.marks.${relationshipId}`;

export function marksSettings(ctx: AppContext, relationshipId: number): MarksSettings {
  const { db } = ctx.workspace;
  requireRelationship(db, relationshipId);
  const raw = getSetting(db, keyOf(relationshipId));
  if (raw === null) return MARKS_DEFAULTS;
  // A value that no longer reads (hand-edited, an older shape) falls back field by field rather than failing the panel.
  let stored: unknown = null;
  try {
    stored = JSON.parse(raw);
  } catch {
    stored = null;
  }
  const parsed = MarksSettings.partial().safeParse(stored);
  return { ...MARKS_DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}

export function saveMarksSettings(ctx: AppContext, relationshipId: number, patch: Partial<MarksSettings>): MarksSettings {
  const next = { ...marksSettings(ctx, relationshipId), ...patch };
  saveSettings(ctx, 'Change the score marks', { [keyOf(relationshipId)]: JSON.stringify(next) });
  return next;
}
