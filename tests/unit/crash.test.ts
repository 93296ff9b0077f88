/**
 * Crash safety: a child process imports and tags in a loop through Parley's
 * services and is killed with SIGKILL at a random moment, 20 times on the same
 * workspace. After each kill the workspace must pass PRAGMA integrity_check,
 * hold every write the child had acknowledged, and hold no half-written
 * article or annotation.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/db/connection';
import { recordFigures } from '../helpers/figures';
import { tempDir } from '../helpers/workspace';

const WRITER = path.resolve(__dirname, '../../dist-test/crash-writer.cjs');
const CRASH_TRIALS = 20;

interface Acks {
  articles: Map<number, string>;
  annotations: Map<number, { articleId: number; start: number; end: number }>;
}

/** Runs the writer until it has acknowledged `minAcks` writes, waits `extraMs`, then SIGKILLs it. */
function runAndKill(workspace: string, seed: number, minAcks: number, extraMs: number, acks: Acks): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, workspace, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let count = 0;
    let killing = false;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (line[1] === 'article') acks.articles.set(Number(line[2]), line[3]!);
        if (line[1] === 'annotation')
          acks.annotations.set(Number(line[2]), { articleId: Number(line[3]), start: Number(line[4]), end: Number(line[5]) });
        count++;
      }
      if (!killing && count >= minAcks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited by itself (${code}): ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${CRASH_TRIALS} SIGKILLs at random moments`, async () => {
    expect(fs.existsSync(WRITER), 'the crash writer is built by npm run build').toBe(true);
    const dir = tempDir('parley-crash-');
    const workspace = path.join(dir, 'w.sqlite');
    const acks: Acks = { articles: new Map(), annotations: new Map() };
    const moments = fc.sample(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 40 })), {
      numRuns: CRASH_TRIALS,
      seed: 20261123,
    });
    for (const [trial, [minAcks, extraMs]] of moments.entries()) {
      await runAndKill(workspace, trial, minAcks, extraMs, acks);
      expect(fs.existsSync(`${workspace}.lock`), 'the killed process left its lock').toBe(true);
      const w = openWorkspace(workspace); // takes over the stale lock
      try {
        const db = w.db;
        expect(db.pragma('integrity_check', { simple: true }), `trial ${trial}`).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        for (const [id, hash] of acks.articles) {
          expect(db.prepare('SELECT content_hash FROM articles WHERE id = ?').pluck().get(id), `acknowledged article ${id}`).toBe(hash);
        }
        for (const [id, a] of acks.annotations) {
          const row = db.prepare('SELECT article_id, start_offset, end_offset FROM annotations WHERE id = ?').get(id);
          expect(row, `acknowledged annotation ${id}`).toEqual({ article_id: a.articleId, start_offset: a.start, end_offset: a.end });
        }
        // Nothing half-written: every article whole, every tag's quote where it says, counts consistent, every write logged.
        const articles = db.prepare('SELECT id, text, word_count, annotation_count FROM articles').all() as {
          id: number;
          text: string;
          word_count: number;
          annotation_count: number;
        }[];
        for (const a of articles) {
          expect(a.text.length).toBeGreaterThan(0);
          expect(a.word_count).toBe(a.text.split(/\s+/).filter(Boolean).length);
          expect(a.annotation_count).toBe(db.prepare('SELECT count(*) FROM annotations WHERE article_id = ?').pluck().get(a.id));
        }
        const bad = db
          .prepare(
            'SELECT count(*) FROM annotations an JOIN articles ar ON ar.id = an.article_id WHERE substr(ar.text, an.start_offset + 1, an.end_offset - an.start_offset) <> an.quote_exact',
          )
          .pluck()
          .get();
        expect(bad).toBe(0);
        const logged = db.prepare("SELECT count(*) FROM change_log WHERE action = 'create'").pluck().get();
        expect(logged).toBe(articles.length + (db.prepare('SELECT count(*) FROM annotations').pluck().get() as number));
      } finally {
        w.close();
      }
    }
    expect(acks.articles.size).toBeGreaterThan(CRASH_TRIALS);
    recordFigures('crash', {
      trials: CRASH_TRIALS,
      acknowledgedArticles: acks.articles.size,
      acknowledgedAnnotations: acks.annotations.size,
      integrityFailures: 0,
      lostWrites: 0,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
