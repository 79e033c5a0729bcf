import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Hang guards, not speed checks: the suites that start a server process or walk every route take
    // 30–60 s on a busy 2-core machine, so a tight limit fails them for the neighbours' load.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // Each file opens its own PGlite (~150 MB); two cores, so two at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});
