import type { JobKind } from '../../jobs/registry';
import { AuditJobPayload, CAMERAS_AUDIT } from './contract';
import { type AuditTuning, runUnitAudit } from './service';

/**
 * Builds the audit job kind. The platform registers it with the engine defaults; a test fleet on loopback
 * registers its own copy under another name with its port plan (the scope guard is the same).
 */
export function cameraAuditJob(
  kind = CAMERAS_AUDIT,
  tuning: AuditTuning = {},
): JobKind<typeof AuditJobPayload> {
  return {
    kind,
    title: { vi: 'Kiểm tra an toàn camera', en: 'Camera security audit' },
    payload: AuditJobPayload,
    // A run sends real traffic to devices: a failure is looked at by a person, not retried blindly.
    maxAttempts: 1,
    run: (payload, tools) => runUnitAudit(payload, tools, tuning),
  };
}

export const CAMERA_JOB_KINDS: readonly JobKind[] = [cameraAuditJob() as unknown as JobKind];
