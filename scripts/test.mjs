// npm test: every test, ending with one line "N passed, N failed[, N skipped]".
//   checks   — typecheck (node, web, tests) and lint, one check each
//   unit     — Vitest against real SQLite files
//   e2e      — Playwright in a Chromium against browser mode (+ the Electron spec, skipped without a binary)
//   bench    — a tiny run of `npm run bench`, so the benchmark cannot rot (added by the benchmark work)
// On a fresh machine `npm install` then `npm test` is all it takes: a Chromium (PARLEY_CHROMIUM, the system's,
// or Playwright's own) and PostgreSQL's server are found first, or installed where allowed (CI=true, see
// scripts/toolchain.mjs); where neither can be, the exact command to run is printed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensurePostgres } from './toolchain.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
fs.mkdirSync('.cache/screens', { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

// eslint-disable-next-line no-control-regex -- the reporters' colour codes start with ESC
const firstLine = (text) => String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n')[0].slice(0, 240);

/** Every test of a Playwright JSON report, with where it is and why it last failed. */
function* playwrightTests(suites = [], titles = []) {
  for (const suite of suites) {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const failedRun = [...(t.results ?? [])].reverse().find((r) => r.status !== 'passed' && r.status !== 'skipped');
        yield { status: t.status, where: [...here, spec.title].join(' › '), why: firstLine(failedRun?.error?.message) };
      }
    }
    yield* playwrightTests(suite.suites, here);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// What the tests need from the machine, before anything runs (the unit tests use PostgreSQL, the e2e tests Chromium).
console.log('━━ toolchain');
const chromium = ensureChromium();
if (chromium.path) {
  process.env.PARLEY_CHROMIUM = chromium.path;
  console.log(`Chromium: ${chromium.path} (${chromium.source})`);
} else console.log(`Chromium is missing: ${chromium.reason}.`);
const postgres = ensurePostgres();
if (postgres.bin) {
  process.env.PARLEY_PG_BIN = postgres.bin;
  console.log(`PostgreSQL: ${postgres.bin}`);
} else console.log(`PostgreSQL is missing (its tests are skipped): ${postgres.reason}.`);

if (!run('build', process.execPath, ['scripts/build.mjs'])) {
  console.log('\nThe build failed, so no test could run.\n0 passed, 1 failed');
  process.exit(1);
}

check('typecheck (main, shared)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('typecheck (tests)', bin('tsc'), ['-p', 'tsconfig.tests.json', '--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);
// Unused files, exports and dependencies (knip.json; `--production` also lists exports only tests use).
check('knip', bin('knip'), ['--no-progress']);

fs.rmSync('.cache/vitest.json', { force: true });
run('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.cache/vitest.json']);
const unit = readJson('.cache/vitest.json');
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests + (unit.numFailedTestSuites && !unit.numFailedTests ? unit.numFailedTestSuites : 0);
  totals.skipped += unit.numPendingTests + unit.numTodoTests;
  lines.push(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
  // The summary is often all a CI log keeps: name what failed, with the first line of why.
  for (const file of unit.testResults ?? []) {
    const where = path.relative(root, file.name);
    for (const a of file.assertionResults ?? []) {
      if (a.status === 'failed') lines.push(`  failed: ${where} › ${a.fullName} — ${firstLine(a.failureMessages?.[0])}`);
      // Passed on its retry (CI retries once): counted as passed, named here so it is looked into.
      else if (a.status === 'passed' && a.failureMessages?.length) lines.push(`  flaky: ${where} › ${a.fullName} — ${firstLine(a.failureMessages[0])}`);
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
      lines.push(`  failed: ${where} — ${firstLine(file.message)}`);
    }
  }
} else {
  totals.failed += 1;
  lines.push('unit: the runner did not report (see above)');
}

fs.rmSync('.cache/playwright.json', { force: true });
const e2e = chromium.path ? (run('e2e', bin('playwright'), ['test']), readJson('.cache/playwright.json')) : null;
if (!chromium.path) {
  totals.failed += 1;
  lines.push(`e2e: not run, Chromium is missing: ${chromium.reason}`);
} else if (e2e?.stats) {
  const { expected, unexpected, skipped, flaky } = e2e.stats;
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  lines.push(`e2e: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped${flaky ? ` (${flaky} flaky)` : ''}`);
  for (const t of playwrightTests(e2e.suites)) {
    if (t.status === 'unexpected' || t.status === 'flaky') lines.push(`  ${t.status === 'flaky' ? 'flaky' : 'failed'}: ${t.where} — ${t.why}`);
  }
  for (const err of e2e.errors ?? []) {
    totals.failed += 1;
    lines.push(`e2e error: ${String(err.message).split('\n')[0]}`);
  }
} else {
  totals.failed += 1;
  lines.push('e2e: the runner did not report (see above)');
}

if (fs.existsSync('bench/smoke.mjs')) check('bench (tiny run)', process.execPath, ['bench/smoke.mjs']);

console.log(`\n━━ summary\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
