import { checkDatabaseFile, openReadonly } from '../backup';
import type { Bundle } from './bundle';

/**
 * Reads a colleague's workspace (opened read-only, never changed) into a merge
 * bundle: the articles that carry annotations, the codebook, the actors, and
 * every annotation with its coder (the colleague's own analyst unless the
 * annotation came to them from someone else).
 */
export function readWorkspaceFile(file: string, fallbackAnalyst = ''): Bundle {
  checkDatabaseFile(file);
  const db = openReadonly(file);
  try {
    const has = (table: string) => !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
    const setting = has('settings')
      ? (db.prepare("SELECT value FROM settings WHERE key = 'analyst.name'").get() as { value: string } | undefined)
      : undefined;
    const theirAnalyst = setting?.value || fallbackAnalyst;
    const origins = has('annotation_origins')
      ? new Map(
          (db.prepare('SELECT annotation_id AS id, analyst FROM annotation_origins').all() as { id: number; analyst: string }[]).map(
            (r) => [r.id, r.analyst],
          ),
        )
      : new Map<number, string>();
    const codes = db
      .prepare('SELECT id, key, name, parent_id, weight, color, cameo, description FROM codes ORDER BY sort_order, id')
      .all() as {
      id: number;
      key: string;
      name: string;
      parent_id: number | null;
      weight: number;
      color: string;
      cameo: string;
      description: string;
    }[];
    const keyOf = new Map(codes.map((c) => [c.id, c.key]));
    const actors = db.prepare('SELECT id, code, name FROM actors').all() as { id: number; code: string; name: string }[];
    const actorCode = new Map(actors.map((a) => [a.id, a.code]));
    const articles = db
      .prepare(
        'SELECT id, title, outlet, author, url, published_on, text FROM articles WHERE id IN (SELECT article_id FROM annotations) ORDER BY id',
      )
      .all() as { id: number; title: string; outlet: string; author: string; url: string; published_on: string; text: string }[];
    const annotations = db.prepare('SELECT * FROM annotations ORDER BY id').all() as {
      id: number;
      article_id: number;
      code_id: number;
      source_actor_id: number;
      target_actor_id: number;
      start_offset: number;
      end_offset: number;
      quote_exact: string;
      confidence: number;
      event_date: string;
      note: string;
      created_at_ms: number;
      updated_at_ms: number;
      event_id?: number | null;
      /** Their coder layer (schema version 9 on): '' for their own coding. */
      coder?: string;
    }[];
    // Events, grades and factors exist from schema version 3 on; an older workspace has none.
    const events = has('events')
      ? (db.prepare('SELECT id, source_actor_id, target_actor_id, code_id, event_date FROM events ORDER BY id').all() as {
          id: number;
          source_actor_id: number;
          target_actor_id: number;
          code_id: number;
          event_date: string;
        }[])
      : [];
    const gradeFactors = has('reliability_grades')
      ? (db.prepare('SELECT grade, factor FROM reliability_grades ORDER BY grade').all() as { grade: string; factor: number }[])
      : [];
    const outletGrades = has('outlet_grades')
      ? (db.prepare('SELECT outlet, grade FROM outlet_grades ORDER BY outlet').all() as { outlet: string; grade: string }[])
      : [];
    return {
      sources: articles.map((a) => ({
        key: String(a.id),
        title: a.title,
        outlet: a.outlet,
        author: a.author,
        url: a.url,
        publishedOn: a.published_on,
        text: a.text,
      })),
      codes: codes.map((c) => ({
        key: c.key,
        name: c.name,
        parentKey: c.parent_id === null ? null : (keyOf.get(c.parent_id) ?? null),
        weight: c.weight,
        color: c.color,
        cameo: c.cameo,
        description: c.description,
      })),
      actors: actors.map((a) => ({ code: a.code, name: a.name })),
      annotations: annotations.map((a) => ({
        sourceKey: String(a.article_id),
        start: a.start_offset,
        end: a.end_offset,
        exact: a.quote_exact,
        codeKey: keyOf.get(a.code_id) ?? '',
        sourceActor: actorCode.get(a.source_actor_id) ?? '',
        targetActor: actorCode.get(a.target_actor_id) ?? '',
        confidence: a.confidence,
        eventDate: a.event_date,
        note: a.note,
        analyst: a.coder || (origins.get(a.id) ?? theirAnalyst),
        createdAtMs: a.created_at_ms,
        updatedAtMs: a.updated_at_ms,
        eventKey: a.event_id ? String(a.event_id) : '',
      })),
      events: events.map((e) => ({
        key: String(e.id),
        codeKey: keyOf.get(e.code_id) ?? '',
        sourceActor: actorCode.get(e.source_actor_id) ?? '',
        targetActor: actorCode.get(e.target_actor_id) ?? '',
        eventDate: e.event_date,
      })),
      gradeFactors,
      outletGrades,
      unreadable: [],
      // Every article they had, so that one they read and left untagged still counts as coded by them.
      ...(theirAnalyst
        ? {
            coderSaw: {
              coder: theirAnalyst,
              contentHashes: (db.prepare('SELECT content_hash AS h FROM articles').all() as { h: string }[]).map((r) => r.h),
            },
          }
        : {}),
    };
  } finally {
    db.close();
  }
}
