import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { WATCH_ESCALATE } from './job-names';

const EscalatePayload = z.object({ alertId: z.uuid(), step: z.number().int().min(0).max(20) }).strict();

/**
 * One escalation step of an alert; queued with run_at = when the previous step's wait ends. The handler
 * is imported on first run, so this list (read by the job registry) stays a leaf module: no import cycle.
 */
export const escalateJob: JobKind<typeof EscalatePayload> = {
  kind: WATCH_ESCALATE,
  title: { vi: 'Leo thang cảnh báo chưa được xác nhận', en: 'Escalate an unacknowledged alert' },
  payload: EscalatePayload,
  maxAttempts: 5,
  async run(payload, { ctx }) {
    const { runEscalationStep } = await import('./oncall/escalation');
    return runEscalationStep(ctx, payload.alertId, payload.step);
  },
};

export const WATCH_JOB_KINDS: readonly JobKind[] = [escalateJob as unknown as JobKind];
