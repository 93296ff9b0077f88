import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    // On CI (a loaded machine) a failed test runs once more; npm test's summary names any that needed it.
    retry: process.env.CI ? 1 : 0,
  },
});
