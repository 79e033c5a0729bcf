import { defineConfig } from 'vitest/config';

// Browser flows against the real server and the built console (npm run build first). One file at a
// time: each starts its own server and Chromium, and two cores cannot take more.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
