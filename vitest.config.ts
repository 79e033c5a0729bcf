import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own PGlite (~150 MB); two cores, so two at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});
