/**
 * Used by tests/unit/crash.test.ts: imports articles and tags passages in a
 * loop through Parley's own services, printing one line per acknowledged
 * (committed) write, until it is killed.
 *   ack article <id> <contentHash>
 *   ack annotation <id> <articleId> <start> <end>
 */
import { createArticle } from '../../main/services/articles';
import { createAnnotation } from '../../main/services/annotations';
import { startWorkspace } from '../../main/services/workspace';
import { listRelationships } from '../../main/db/actors';
import { listCodes } from '../../main/db/codebook';

const workspace = process.argv[2]!;
const seed = Number(process.argv[3] ?? 1);
const ctx = startWorkspace(workspace, { sampleFile: null });
const rel = listRelationships(ctx.workspace.db)[0]!;
const codes = listCodes(ctx.workspace.db);
let n = 0;

function paragraph(i: number): string {
  return (
    `Dispatch ${seed}-${i}: officials met for the ${i}th time and discussed tariffs, energy and a visit. ` +
    'More detail follows here. '.repeat(1 + (i % 40))
  );
}

for (;;) {
  n++;
  const text = `${paragraph(n)}\n\n${paragraph(n + 1)}`;
  const article = createArticle(ctx, {
    title: `Crash trial ${seed} article ${n}`,
    outlet: 'Soak Wire',
    author: '',
    url: '',
    publishedOn: '2026-01-15',
    relationshipId: rel.id,
    text,
  });
  process.stdout.write(
    `ack article ${article.id} ${ctx.workspace.db.prepare('SELECT content_hash FROM articles WHERE id = ?').pluck().get(article.id)}\n`,
  );
  for (let k = 0; k < 3; k++) {
    const start = 10 + k * 7;
    const a = createAnnotation(ctx, {
      articleId: article.id,
      start,
      end: start + 5,
      codeId: codes[(n + k) % codes.length]!.id,
      sourceActorId: rel.actorA.id,
      targetActorId: rel.actorB.id,
      confidence: 1,
      note: `note ${n}.${k}`,
    });
    process.stdout.write(`ack annotation ${a.id} ${article.id} ${a.start} ${a.end}\n`);
  }
}
