/**
 * `npm run bench [-- --articles N] [--seed S] [--quick] [--only a,b] [--fresh] [--publish] [--out dir]`
 *
 * Generates (or reuses from .cache/bench/) a seeded synthetic workspace,
 * copies it, and runs every scenario listed in scenarios/index.ts against the
 * copy on a worker thread, recording the main thread's event-loop delay
 * during each (scenarioThread.ts). Prints a table, writes
 * bench-results/latest.json (and .md); --publish also copies both to
 * docs/bench/, as latest.{json,md} for a run of every scenario and as
 * partial.{json,md} for an --only run, so that a re-run of the scenarios an
 * issue names never stands in for the full run. Exits non-zero only when the harness or a scenario fails, never
 * because a target was missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openWorkspace } from '../main/db/connection';
import { SCHEMA_VERSION } from '../main/db/migrations';
import { ANNOTATIONS_PER_ARTICLE, GENERATOR_VERSION, generateWorkspace, type GenerationStats } from './generate';
import { round } from './measure';
import { markdownTable, rowsOf, textTable, type DetailRow, type MetricRow } from './report';
import { runScenariosInThread, startIfScenarioThread } from './scenarioThread';
import { SCENARIOS } from './scenarios';

interface Args {
  articles: number;
  seed: number;
  quick: boolean;
  only: string[] | null;
  fresh: boolean;
  publish: boolean;
  /** Folder for latest.json and latest.md. */
  out: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { articles: 100_000, seed: 20_261_123, quick: false, only: null, fresh: false, publish: false, out: 'bench-results' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    const whole = (name: string, min: number) => {
      const v = value();
      const n = Number(v.replace(/[,_]/g, ''));
      if (!Number.isInteger(n) || n < min) throw new Error(`${name} takes a whole number of at least ${min}, not "${v}".`);
      return n;
    };
    if (flag === '--articles') args.articles = whole('--articles', 50);
    else if (flag === '--seed') args.seed = whole('--seed', 0);
    else if (flag === '--quick') args.quick = true;
    else if (flag === '--fresh') args.fresh = true;
    else if (flag === '--publish') args.publish = true;
    else if (flag === '--only') args.only = value().split(',').filter(Boolean);
    else if (flag === '--out') args.out = value();
    else throw new Error(`Unknown option ${a}. Options: --articles N, --seed S, --quick, --only a,b, --fresh, --publish, --out dir.`);
  }
  return args;
}

// The bundle runs from dist-bench/bench.cjs.
const root = path.resolve(__dirname, '..');

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    loadAverageAtStart: os.loadavg().map((x) => round(x)),
  };
}

/** Scenario files present in the source tree but missing from scenarios/index.ts. */
function unregisteredScenarios(): string[] {
  const dir = path.join(root, 'bench', 'scenarios');
  if (!fs.existsSync(dir)) return [];
  const listed = new Set(SCENARIOS.map((s) => s.name));
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3))
    .filter((name) => !listed.has(name));
}

/** The cached workspace for this seed and size, generated if missing. */
function cachedWorkspace(args: Args): { file: string; stats: GenerationStats; cached: boolean } {
  const dir = path.join(root, '.cache', 'bench');
  const base = `workspace-n${args.articles}-s${args.seed}-g${GENERATOR_VERSION}-v${SCHEMA_VERSION}`;
  const file = path.join(dir, `${base}.sqlite`);
  const statsFile = path.join(dir, `${base}.json`);
  if (!args.fresh && fs.existsSync(file) && fs.existsSync(statsFile)) {
    return { file, stats: JSON.parse(fs.readFileSync(statsFile, 'utf8')) as GenerationStats, cached: true };
  }
  const migrated = migratedFromOlderSchema(dir, args, file, statsFile);
  if (migrated) return migrated;
  log(
    `Generating ${args.articles.toLocaleString('en')} articles and ${(args.articles * ANNOTATIONS_PER_ARTICLE).toLocaleString('en')} annotations (seed ${args.seed}) through Parley's services…`,
  );
  // Workspaces of this size and seed made by an older generator or schema are stale: remove them (a full one is over 1 GB).
  const prefix = `workspace-n${args.articles}-s${args.seed}-`;
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : [])
    if (f.startsWith(prefix) && !f.startsWith(base)) fs.rmSync(path.join(dir, f), { force: true });
  const partial = path.join(dir, `${base}.partial.sqlite`);
  const stats = generateWorkspace(partial, { articles: args.articles, seed: args.seed, log });
  fs.renameSync(partial, file);
  fs.writeFileSync(statsFile, JSON.stringify(stats, null, 2));
  return { file, stats, cached: false };
}

/**
 * The same generator's workspace cached at an older schema, brought to this one by the migrations a user's workspace
 * goes through (a full one takes some 16 minutes to generate, its migration seconds); null when there is none.
 */
function migratedFromOlderSchema(
  dir: string,
  args: Args,
  file: string,
  statsFile: string,
): { file: string; stats: GenerationStats; cached: boolean } | null {
  if (args.fresh || !fs.existsSync(dir)) return null;
  const older = new RegExp(`^workspace-n${args.articles}-s${args.seed}-g${GENERATOR_VERSION}-v(\\d+)\\.sqlite$`);
  const found = fs
    .readdirSync(dir)
    .map((f) => ({ f, v: Number(older.exec(f)?.[1] ?? NaN) }))
    .filter(({ f, v }) => v < SCHEMA_VERSION && fs.existsSync(path.join(dir, f.replace(/\.sqlite$/, '.json'))))
    .sort((a, b) => b.v - a.v)[0];
  if (!found) return null;
  const from = path.join(dir, found.f);
  const fromStats = from.replace(/\.sqlite$/, '.json');
  const partial = `${file}.partial`;
  log(`Migrating the cached workspace of schema ${found.v} (${found.f}) to schema ${SCHEMA_VERSION}…`);
  const t = performance.now();
  fs.copyFileSync(from, partial);
  const w = openWorkspace(partial);
  w.close();
  fs.renameSync(partial, file);
  fs.copyFileSync(fromStats, statsFile);
  for (const stale of [from, fromStats]) fs.rmSync(stale, { force: true });
  log(`  migrated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { file, stats: JSON.parse(fs.readFileSync(statsFile, 'utf8')) as GenerationStats, cached: true };
}

function copyWorkspace(from: string): string {
  const dir = path.join(root, '.cache', 'bench', 'work');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'workspace.sqlite');
  fs.copyFileSync(from, file, fs.constants.COPYFILE_FICLONE);
  return file;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const unregistered = unregisteredScenarios();
  for (const name of unregistered)
    log(`Warning: bench/scenarios/${name}.ts is not listed in bench/scenarios/index.ts, so it does not run.`);
  const selected = SCENARIOS.filter((s) => !args.only || args.only.includes(s.name));
  if (args.only) {
    const unknown = args.only.filter((n) => !SCENARIOS.some((s) => s.name === n));
    if (unknown.length) throw new Error(`No scenario called ${unknown.join(', ')}. Scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}.`);
  }
  const info = machine();
  const outDir = path.resolve(root, args.out);
  fs.mkdirSync(outDir, { recursive: true });

  const generation = cachedWorkspace(args);
  log(
    generation.cached
      ? `Using the cached workspace ${path.relative(root, generation.file)} (generated in ${generation.stats.seconds.toFixed(0)} s).`
      : `Generated in ${generation.stats.seconds.toFixed(1)} s: articles ${generation.stats.articlesPerSecond.toFixed(0)}/s, annotations ${generation.stats.annotationsPerSecond.toFixed(0)}/s.`,
  );
  const workspaceFile = copyWorkspace(generation.file);
  let records;
  try {
    records = await runScenariosInThread(
      {
        names: selected.map((s) => s.name),
        workspaceFile,
        articles: args.articles,
        quick: args.quick,
        heavyArticleId: generation.stats.heavyArticleId,
        resultsDir: outDir,
      },
      log,
    );
  } finally {
    fs.rmSync(path.dirname(workspaceFile), { recursive: true, force: true });
  }

  const metrics: MetricRow[] = [];
  const details: DetailRow[] = [];
  for (const r of records) {
    const rows = rowsOf(r.name, r.result);
    metrics.push(...rows.metrics);
    details.push(...rows.details);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const g = generation.stats;
  const generationLine = `${g.articles.toLocaleString('en')} articles, ${g.annotations.toLocaleString('en')} annotations generated in ${g.seconds.toFixed(0)} s (articles ${g.articlesPerSecond.toFixed(0)}/s, annotations ${g.annotationsPerSecond.toFixed(0)}/s through the services)${generation.cached ? ', reused from the cache' : ''}`;
  const machineLine = `${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, ${info.os}, Node ${info.node}, SQLite ${info.sqlite}; load average ${info.loadAverageAtStart.join(' / ')} at start, ${os
    .loadavg()
    .map((x) => round(x))
    .join(' / ')} at end`;

  log(`\n${textTable(metrics)}`);
  if (details.length) log(`\nDetails\n${details.map((d) => `  ${d.scenario} · ${d.key}: ${d.value}`).join('\n')}`);
  for (const r of records.filter((x) => !x.ok)) log(`\nScenario ${r.name} FAILED: ${r.error}`);
  log(`\nWorkspace: ${generationLine}`);
  log(`Machine: ${machineLine}`);
  log(`Total ${totalSeconds.toFixed(0)} s.`);

  const report = {
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    totalSeconds: round(totalSeconds),
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => round(x)) },
    workspace: { seed: args.seed, cached: generation.cached, generation: g },
    scenarios: records,
    unregisteredScenarios: unregistered,
    table: metrics,
    details,
  };
  const markdown = [
    `Run ${report.finishedAt} with \`${report.command}\` (${report.totalSeconds} s).`,
    '',
    markdownTable(metrics),
    '',
    `Workspace: ${generationLine}.`,
    '',
    `Machine: ${machineLine}.`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'latest.md'), markdown);
  const published = args.only ? 'partial' : 'latest';
  if (args.publish) {
    const docs = path.join(root, 'docs', 'bench');
    fs.mkdirSync(docs, { recursive: true });
    fs.writeFileSync(path.join(docs, `${published}.json`), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(docs, `${published}.md`), markdown);
  }
  log(`Results: ${path.relative(root, path.join(outDir, 'latest.json'))}${args.publish ? ` and docs/bench/${published}.{json,md}` : ''}`);
  return records.every((r) => r.ok) ? 0 : 1;
}

// The same bundle is the scenario thread (see scenarioThread.ts); only the main thread runs the harness.
if (!startIfScenarioThread()) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`bench: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
