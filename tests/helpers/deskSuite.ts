/** The frame of a desk test file: one real PostgreSQL for the file, and laptops closed after each test. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { postgresBinaries, startPostgres, type PgServer } from '../support/postgres';
import { freshDesk, laptop, type Laptop } from './desk';

export interface DeskSuite {
  /** The PostgreSQL binaries, or null (and why) where there are none: the file's tests are then skipped. */
  bin: string | null;
  /** A fresh desk (its own database on the file's server) with these analysts' roles. */
  fresh(analysts: readonly string[], opts?: { shared?: boolean }): Promise<PgServer>;
  /** An analyst's laptop, closed after the test. */
  open(analyst: string): Laptop;
  /** A fresh desk with Alice's and Bob's laptops. */
  aliceAndBob(): Promise<{ desk: PgServer; a: Laptop; b: Laptop }>;
}

export function deskSuite(file: string): DeskSuite {
  const { bin, reason } = postgresBinaries();
  if (!bin) console.warn(`${file} skipped: ${reason}`);
  let server: PgServer | undefined;
  const laptops: Laptop[] = [];
  const open = (analyst: string) => {
    const l = laptop(analyst);
    laptops.push(l);
    return l;
  };
  beforeAll(async () => {
    if (bin) server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    for (const l of laptops.splice(0)) l.close();
  });
  const fresh = (analysts: readonly string[], opts?: { shared?: boolean }) => {
    if (!server) throw new Error('no PostgreSQL for this test file');
    return freshDesk(server, analysts, opts);
  };
  return {
    bin,
    fresh,
    open,
    async aliceAndBob() {
      const desk = await fresh(['alice', 'bob']);
      return { desk, a: open('alice'), b: open('bob') };
    },
  };
}
