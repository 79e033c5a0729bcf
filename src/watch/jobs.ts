import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { runEscalationStep, WATCH_ESCALATE } from './oncall/escalation';

const EscalatePayload = z.object({ alertId: z.uuid(), step: z.number().int().min(0).max(20) }).strict();

/** One escalation step of an alert; queued with run_at = when the previous step's wait ends. */
export const escalateJob: JobKind<typeof EscalatePayload> = {
  kind: WATCH_ESCALATE,
  title: { vi: 'Leo thang cảnh báo chưa được xác nhận', en: 'Escalate an unacknowledged alert' },
  payload: EscalatePayload,
  maxAttempts: 5,
  run: (payload, { ctx }) => runEscalationStep(ctx, payload.alertId, payload.step),
};

export const WATCH_JOB_KINDS: readonly JobKind[] = [escalateJob as unknown as JobKind];
