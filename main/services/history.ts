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
    const subject = (c.after ?? c.before) as { annotationIds?: unknown[] } | null;
    // Older entries carry the event's passages; change sets carry the bare events row.
    if (Array.isArray(subject?.annotationIds)) {
      const n = subject.annotationIds.length;
      if (c.action === 'create') return `Grouped ${n} passages as one event`;
      if (c.action === 'delete') return `Ungrouped an event of ${n} passages`;
    }
    const date = field(subject, 'event_date') ?? field(subject, 'eventDate');
    const on = date ? ` dated ${date}` : '';
    return c.action === 'create'
      ? `Added event ${c.entityId}${on}`
      : c.action === 'delete'
        ? `Removed event ${c.entityId}${on}`
        : `Changed event ${c.entityId}`;
  },
  code: (c) => {
    const name = field(c.after ?? c.before, 'name') ?? String(c.entityId);
    const [from, to] = [num(c.before, 'weight'), num(c.after, 'weight')];
    if (c.action !== 'update') return `${c.action === 'create' ? 'Added' : 'Deleted'} code ${name}`;
    return from !== to ? `Re-weighted code ${name} from ${from} to ${to}` : `Changed code ${name}`;
  },
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
  const scoreSummary = Object.hasOwn(SCORE_SUMMARIES, c.entity) ? SCORE_SUMMARIES[c.entity] : undefined;
  let summary: string;
  if (c.entity === 'annotation') {
    summary = `${verb} tag on “${clip(field(subject, 'exact') ?? field(subject, 'quote_exact') ?? '')}”`;
  } else if (c.entity === 'article') {
    summary = `${verb} article “${clip(field(subject, 'title') ?? '')}”`;
  } else if (scoreSummary) {
    summary = scoreSummary(c);
  } else {
    summary = `${verb} ${c.entity} ${c.entityId}`;
  }
  return { id: c.id, atMs: c.atMs, entity: c.entity, entityId: c.entityId, action: c.action, summary };
}
