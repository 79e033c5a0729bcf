import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../test/app';
import { createLogger } from '../core/log';
import { registerJobKind } from './registry';
import { jobs } from './schema';
import { enqueueJob } from './service';
import { wakeJobWorkers } from './wake';
import { startJobWorker } from './worker';

let t: TestApp;
let ran = 0;
beforeAll(async () => {
  t = await createTestApp();
  registerJobKind({
    kind: 'test.wake',
    title: { vi: 'thử', en: 'test' },
    payload: z.object({}).strict(),
    async run() {
      ran++;
      return null;
    },
  });
});
afterAll(() => t.close());

it('a wake after the commit runs a queued job now, not at the next poll (ten minutes away here)', async () => {
  const worker = startJobWorker({ db: t.db, log: createLogger('silent'), pollMs: 600_000 });
  try {
    // Let the start-up tick pass with nothing to do.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const job = await enqueueJob(t.sys, { kind: 'test.wake' });
    wakeJobWorkers();
    for (let i = 0; i < 400 && ran === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(ran).toBe(1);
    for (let i = 0; i < 100; i++) {
      const [row] = await t.db.select().from(jobs).where(eq(jobs.id, job.id));
      if (row!.status === 'succeeded') return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('job did not finish');
  } finally {
    await worker.stop();
  }
});
