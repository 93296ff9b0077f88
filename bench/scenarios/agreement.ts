/**
 * The agreement report (issue 16): 1,000 articles coded by two colleagues,
 * 10,000 passages each, through the real dispatcher. Target: ≤ 2 s.
 *
 * Setup (not timed): two colleague layers are written into the working copy,
 * ten passages per article per coder. Coder B follows coder A the way two
 * trained analysts do: most passages alike, some with shifted boundaries, some
 * with another code or direction, a few tagged by one of them only — so every
 * branch of the matching and of the coefficients does work. The report is
 * timed by sentence (the default unit: segmentation, nominal α over every
 * sentence, unitizing α, character κ, direction, sensitivity) and by character.
 */
import { createDispatch } from '../../main/api/dispatch';
import type { AppContext } from '../../main/services/context';
import { metric, reps, timeRuns } from '../measure';
import type { ScenarioOptions, ScenarioResult } from '../types';

const ARTICLES = 1_000;
const PER_ARTICLE = 10;
const TARGET_MS = 2_000;
const A = 'Bench coder A';
const B = 'Bench coder B';

/** A small seeded generator (mulberry32), so that every run codes the same way. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedLayers(ctx: AppContext, articleIds: readonly number[]): number {
  const { db } = ctx.workspace;
  const codes = (db.prepare('SELECT id FROM codes WHERE parent_id IS NULL ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const rel = db.prepare('SELECT actor_a_id AS a, actor_b_id AS b FROM relationships ORDER BY id LIMIT 1').get() as { a: number; b: number };
  const article = db.prepare('SELECT text, published_on AS publishedOn FROM articles WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO annotations (article_id, code_id, source_actor_id, target_actor_id, start_offset, end_offset, quote_exact,
       quote_prefix, quote_suffix, confidence, event_date, note, created_at_ms, updated_at_ms, coder, consensus, scored)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', '', 1, ?, '', 0, 0, ?, 0, 0)`,
  );
  const rnd = random(16);
  let passages = 0;
  db.transaction(() => {
    for (const id of articleIds) {
      const { text, publishedOn } = article.get(id) as { text: string; publishedOn: string };
      const slot = Math.floor(text.length / PER_ARTICLE);
      if (slot < 20) continue;
      for (let k = 0; k < PER_ARTICLE; k++) {
        const start = k * slot + Math.floor(rnd() * (slot / 4));
        const end = Math.min(text.length, start + 10 + Math.floor(rnd() * (slot / 2)));
        const code = codes[Math.floor(rnd() * codes.length)]!;
        const [src, tgt] = rnd() < 0.8 ? [rel.a, rel.b] : [rel.b, rel.a];
        const put = (coder: string, s: number, e: number, c: number, from: number, to: number) => {
          insert.run(id, c, from, to, s, e, text.slice(s, e), publishedOn, coder);
          passages++;
        };
        const roll = rnd();
        if (roll >= 0.05) put(A, start, end, code, src, tgt);
        if (roll < 0.05 || roll >= 0.1) {
          if (roll < 0.7) put(B, start, end, code, src, tgt);
          else if (roll < 0.85) put(B, Math.max(0, start - 3), Math.min(text.length, end + 5), code, src, tgt);
          else if (roll < 0.95) put(B, start, end, codes[(codes.indexOf(code) + 1) % codes.length]!, src, tgt);
          else put(B, start, end, code, tgt, src);
        }
      }
    }
  })();
  return passages;
}

export async function run(ctx: AppContext, opts: ScenarioOptions): Promise<ScenarioResult> {
  const { db } = ctx.workspace;
  const count = Math.min(ARTICLES, opts.articles);
  const articleIds = (
    db.prepare('SELECT id FROM articles WHERE id <> ? ORDER BY id LIMIT ?').all(opts.heavyArticleId ?? 0, count) as { id: number }[]
  ).map((r) => r.id);
  const passages = seedLayers(ctx, articleIds);
  opts.log(`  ${articleIds.length} articles, ${passages} passages in two colleague layers`);
  const dispatch = createDispatch(ctx, opts.log);
  let out: ScenarioResult = { 'agreement articles': articleIds.length, 'agreement passages (both coders)': passages };
  for (const unit of ['sentence', 'character'] as const) {
    const input = { layers: [`coder:${A}`, `coder:${B}`], articleIds, unit };
    const check = await dispatch('agreement:report', input);
    if (!check.ok) throw new Error(`agreement:report failed: ${check.error.message}`);
    const report = check.value as { alpha: number | null; alphaU: number | null; kappa: number; units: number };
    opts.log(`  by ${unit}: α ${report.alpha?.toFixed(3)}, α_u ${report.alphaU?.toFixed(3)}, κ ${report.kappa.toFixed(3)} over ${report.units} units`);
    const sample = await timeRuns(() => dispatch('agreement:report', input), reps(opts.quick, 5), 1, 30_000);
    opts.log(`  by ${unit}: median ${sample.median.toFixed(0)} ms, p95 ${sample.p95.toFixed(0)} ms`);
    out = {
      ...out,
      ...metric(`agreement report by ${unit}, ${articleIds.length.toLocaleString('en')} articles × 2 coders`, sample, {
        unit: 'ms',
        target: `≤ ${TARGET_MS.toLocaleString('en')} ms`,
        pass: sample.median <= TARGET_MS,
      }),
    };
  }
  return out;
}
