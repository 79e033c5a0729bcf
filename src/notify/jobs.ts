import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { DELIVERY_MAX_ATTEMPTS, NOTIFY_DELIVER } from './job-names';

const DeliverPayload = z.object({ deliveryId: z.uuid() }).strict();

/**
 * Sends one queued delivery; a failure that may pass is thrown, so the worker retries with back-off.
 * The handler is imported when the job first runs: delivery.ts queues jobs through the registry, which
 * imports this list, so a static import here made the modules' load order matter (an import cycle).
 */
export const deliverJob: JobKind<typeof DeliverPayload> = {
  kind: NOTIFY_DELIVER,
  title: { vi: 'Gửi thông báo', en: 'Send a notification' },
  payload: DeliverPayload,
  maxAttempts: DELIVERY_MAX_ATTEMPTS,
  async run(payload, { ctx }) {
    const { deliverOnce } = await import('./delivery');
    const row = await deliverOnce(ctx.db, payload.deliveryId);
    return { status: row?.status ?? 'missing', attempts: row?.attempts ?? 0, error: row?.lastError ?? null };
  },
};

export const NOTIFY_JOB_KINDS: readonly JobKind[] = [deliverJob as unknown as JobKind];
