/**
 * A colleague's workspace (any schema version this Parley can read), opened
 * read-only for a merge, read through the same repositories and mappers as
 * the analyst's own. Tables that came with later schema versions read as empty.
 */
import type { Actor, Annotation, Article, Code } from '../../shared/api/schemas';
import { listActors } from './actors';
import { listAllAnnotations } from './annotations';
import { listAnnotatedArticles } from './articles';
import { listCodes } from './codebook';
import type { Db } from './connection';
import { originAnalysts } from './mergeConflicts';
import { ANALYST_SETTING, getSetting } from './settings';
import { hasTable } from './schemaInfo';
import { listEvents, type EventRow } from './events';
import { listGrades, listOutletGrades } from './reliability';

export interface ForeignWorkspace {
  /** Their analyst's name ('' when they never set one). */
  analyst: string;
  /** Who first coded each annotation that came to them from someone else, by annotation id. */
  origins: Map<number, string>;
  codes: Code[];
  actors: Actor[];
  /** Only the articles that carry annotations. */
  articles: Article[];
  annotations: Annotation[];
  events: EventRow[];
  gradeFactors: { grade: string; factor: number }[];
  outletGrades: { outlet: string; grade: string }[];
}

export function readForeignWorkspace(db: Db): ForeignWorkspace {
  const has = (table: string) => hasTable(db, table);
  return {
    analyst: getSetting(db, ANALYST_SETTING) ?? '',
    origins: has('annotation_origins') ? originAnalysts(db) : new Map<number, string>(),
    codes: listCodes(db),
    actors: listActors(db),
    articles: listAnnotatedArticles(db),
    annotations: listAllAnnotations(db),
    // Events, grades and factors exist from schema version 3 on; an older workspace has none.
    events: has('events') ? listEvents(db) : [],
    gradeFactors: has('reliability_grades') ? listGrades(db).map((g) => ({ grade: g.grade, factor: g.factor })) : [],
    outletGrades: has('outlet_grades') ? listOutletGrades(db) : [],
  };
}

/** The content hash of every article of a colleague's workspace (those they had, tagged or not). */
export function foreignContentHashes(db: Db): string[] {
  return (db.prepare('SELECT content_hash AS h FROM articles').all() as { h: string }[]).map((r) => r.h);
}
