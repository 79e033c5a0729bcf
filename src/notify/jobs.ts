import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { DELIVERY_MAX_ATTEMPTS, deliverOnce, NOTIFY_DELIVER } from './delivery';

const DeliverPayload = z.object({ deliveryId: z.uuid() }).strict();

/** Sends one queued delivery; a failure that may pass is thrown, so the worker retries with back-off. */
export const deliverJob: JobKind<typeof DeliverPayload> = {
  kind: NOTIFY_DELIVER,
  title: { vi: 'Gửi thông báo', en: 'Send a notification' },
  payload: DeliverPayload,
  maxAttempts: DELIVERY_MAX_ATTEMPTS,
  async run(payload, { ctx }) {
    const row = await deliverOnce(ctx.db, payload.deliveryId);
    return { status: row?.status ?? 'missing', attempts: row?.attempts ?? 0, error: row?.lastError ?? null };
  },
};

export const NOTIFY_JOB_KINDS: readonly JobKind[] = [deliverJob as unknown as JobKind];
