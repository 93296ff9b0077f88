import type { HistoryEntry } from '../../shared/api/schemas';
import type { ChangeRow } from '../db/changeLog';

function field(value: unknown, key: string): string | null {
  if (value && typeof value === 'object' && key in value) {
    const v = (value as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : null;
  }
  return null;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A line an analyst can read for one change-log entry. */
export function describeChange(c: ChangeRow): HistoryEntry {
  const subject = c.after ?? c.before;
  const verb = { create: 'Added', update: 'Changed', delete: 'Deleted' }[c.action];
  let summary: string;
  if (c.entity === 'annotation') {
    summary = `${verb} tag on “${clip(field(subject, 'exact') ?? field(subject, 'quote_exact') ?? '')}”`;
  } else if (c.entity === 'article') {
    summary = `${verb} article “${clip(field(subject, 'title') ?? '')}”`;
  } else {
    summary = `${verb} ${c.entity} ${c.entityId}`;
  }
  return { id: c.id, atMs: c.atMs, entity: c.entity, entityId: c.entityId, action: c.action, summary };
}
