// A tiny run of the benchmark (part of npm test, so the harness cannot rot):
// a few hundred articles, every scenario once or twice. Fails when the harness
// or a scenario fails, or a scenario file is not registered; never because a
// speed target was missed (figures at this size mean nothing).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist-bench', 'bench.cjs');
const out = path.join(root, '.cache', 'bench-smoke');

if (!fs.existsSync(bundle)) {
  console.error(`${bundle} is missing: run npm run build first.`);
  process.exit(1);
}
fs.rmSync(out, { recursive: true, force: true });
const started = Date.now();
const run = spawnSync(process.execPath, ['--expose-gc', bundle, '--articles', '300', '--quick', '--out', out], {
  cwd: root,
  stdio: 'inherit',
  // About 65 s on a quiet 2-core machine with today's 18 scenarios; a loaded CI machine can take twice that
  // (the full suite's tiny run was cut at 120 s once, inside the highlight scenario), so the limit only catches a hang.
  timeout: 360_000,
});
const problems = [];
if (run.status !== 0) problems.push(`the benchmark exited with ${run.status ?? run.signal}`);
let report = null;
try {
  report = JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8'));
} catch (err) {
  problems.push(`no readable results: ${err.message}`);
}
if (report) {
  for (const s of report.scenarios.filter((x) => !x.ok)) problems.push(`scenario ${s.name} failed: ${s.error}`);
  for (const name of report.unregisteredScenarios) problems.push(`bench/scenarios/${name}.ts is not listed in bench/scenarios/index.ts`);
  if (report.table.length === 0) problems.push('the table is empty');
  for (const row of report.table) {
    if (typeof row.median !== 'number' || !Number.isFinite(row.median)) problems.push(`${row.scenario} · ${row.metric}: no figure`);
  }
  if (report.workspace.generation.articles !== 300) problems.push('the workspace does not hold the 300 articles asked for');
}
console.log(`bench smoke: ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (problems.length) {
  console.error(`bench smoke FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
