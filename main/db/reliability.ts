/** Source reliability: the grade factors (A–F) and the grade given to each outlet. */
import type { Db } from './connection';
import { stmt } from './statements';

export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Grade = (typeof GRADES)[number];

export interface GradeRow {
  grade: Grade;
  label: string;
  factor: number;
}

export function listGrades(db: Db): GradeRow[] {
  return stmt(db, 'SELECT grade, label, factor FROM reliability_grades ORDER BY grade').all() as GradeRow[];
}

export function setGradeFactor(db: Db, grade: Grade, factor: number, nowMs: number): void {
  stmt(db, 'UPDATE reliability_grades SET factor = ?, updated_at_ms = ? WHERE grade = ?').run(factor, nowMs, grade);
}

export interface OutletRow {
  outlet: string;
  articleCount: number;
  annotationCount: number;
  grade: Grade | null;
}

/** Every outlet named by an article or graded, with its grade. */
export function listOutlets(db: Db): OutletRow[] {
  return stmt(
    db,
    `SELECT o.outlet, coalesce(n.articles, 0) AS articleCount, coalesce(n.annotations, 0) AS annotationCount, og.grade
     FROM (SELECT outlet FROM articles WHERE outlet <> '' UNION SELECT outlet FROM outlet_grades) o
     LEFT JOIN (SELECT outlet, count(*) AS articles, sum(annotation_count) AS annotations FROM articles GROUP BY outlet) n ON n.outlet = o.outlet
     LEFT JOIN outlet_grades og ON og.outlet = o.outlet
     ORDER BY o.outlet COLLATE NOCASE`,
  ).all() as OutletRow[];
}

/** The outlets given a grade, by name. */
export function listOutletGrades(db: Db): { outlet: string; grade: Grade }[] {
  return stmt(db, 'SELECT outlet, grade FROM outlet_grades ORDER BY outlet').all() as { outlet: string; grade: Grade }[];
}

export function getOutletGrade(db: Db, outlet: string): Grade | null {
  return (stmt(db, 'SELECT grade FROM outlet_grades WHERE outlet = ?').get(outlet) as { grade: Grade } | undefined)?.grade ?? null;
}

export function setOutletGrade(db: Db, outlet: string, grade: Grade | null, nowMs: number): void {
  if (grade === null) stmt(db, 'DELETE FROM outlet_grades WHERE outlet = ?').run(outlet);
  else
    stmt(
      db,
      `INSERT INTO outlet_grades (outlet, grade, updated_at_ms) VALUES (?, ?, ?)
       ON CONFLICT (outlet) DO UPDATE SET grade = excluded.grade, updated_at_ms = excluded.updated_at_ms`,
    ).run(outlet, grade, nowMs);
}
