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

function num(value: unknown, key: string): number | null {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' ? v : null;
}

// score: what the score is made of (events, code weights, outlet grades, grade factors)
const SCORE_SUMMARIES: Record<string, (c: ChangeRow) => string> = {
  event: (c) => {
    const ids = (c.after ?? c.before) as { annotationIds?: unknown[] } | null;
    const n = Array.isArray(ids?.annotationIds) ? ids.annotationIds.length : 0;
    return c.action === 'create'
      ? `Grouped ${n} passages as one event`
      : c.action === 'delete'
        ? `Ungrouped an event of ${n} passages`
        : `Changed event ${c.entityId}`;
  },
  code: (c) => `Re-weighted code ${field(c.after, 'name') ?? c.entityId} from ${num(c.before, 'weight')} to ${num(c.after, 'weight')}`,
  outlet_grade: (c) => {
    const outlet = field(c.after ?? c.before, 'outlet') ?? '';
    return c.after ? `Graded outlet “${clip(outlet)}” ${field(c.after, 'grade')}` : `Removed the grade of outlet “${clip(outlet)}”`;
  },
  reliability_grade: (c) => `Set the factor of grade ${field(c.after, 'grade')} to ${num(c.after, 'factor')}`,
};

/** A line an analyst can read for one change-log entry. */
export function describeChange(c: ChangeRow): HistoryEntry {
  const subject = c.after ?? c.before;
  const verb = { create: 'Added', update: 'Changed', delete: 'Deleted' }[c.action];
  let summary: string;
  if (c.entity === 'annotation') {
    summary = `${verb} tag on “${clip(field(subject, 'exact') ?? field(subject, 'quote_exact') ?? '')}”`;
  } else if (c.entity === 'article') {
    summary = `${verb} article “${clip(field(subject, 'title') ?? '')}”`;
  } else if (c.entity in SCORE_SUMMARIES) {
    summary = SCORE_SUMMARIES[c.entity]!(c);
  } else {
    summary = `${verb} ${c.entity} ${c.entityId}`;
  }
  return { id: c.id, atMs: c.atMs, entity: c.entity, entityId: c.entityId, action: c.action, summary };
}
