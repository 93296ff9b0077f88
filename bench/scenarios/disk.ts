/** Workspace size on disk per article, and where the bytes go (SQLite's dbstat). */
import fs from 'node:fs';
import type { AppContext } from '../../main/services/context';
import { metric, round } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const { db } = ctx.workspace;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fs.statSync(opts.workspaceFile).size;
  const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  const annotations = (db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
  const perArticleKb = bytes / 1024 / articles;
  const out: ScenarioResult = {
    ...metric(
      'workspace size on disk per article',
      { median: perArticleKb, p95: perArticleKb, runs: 1 },
      {
        unit: 'KB',
        note: `${round(bytes / 1024 / 1024)} MB in all, with the change log of every article and annotation created`,
      },
    ),
    'workspace size on disk (MB)': round(bytes / 1024 / 1024),
    'workspace articles': articles,
    'workspace annotations': annotations,
  };
  try {
    // Tables with their indexes, largest first.
    const rows = db
      .prepare(
        `SELECT coalesce(m.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes
         FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY tbl ORDER BY bytes DESC LIMIT 5`,
      )
      .all() as { tbl: string; bytes: number }[];
    out['workspace bytes by table (KB per article)'] = rows.map((r) => `${r.tbl} ${round(r.bytes / 1024 / articles)}`).join(', ');
  } catch (err) {
    opts.log(`  (no per-table breakdown: ${(err as Error).message})`);
  }
  opts.log(`  ${round(bytes / 1024 / 1024)} MB, ${round(bytes / 1024 / articles)} KB per article`);
  return out;
}
