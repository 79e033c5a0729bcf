import type { Credential as CredentialShape } from '../../../src/cameras/credentials/contract';
import type {
  AuditRunDetail as AuditRunDetailShape,
  AuditRun as AuditRunShape,
  CameraAuditFindings as CameraAuditFindingsShape,
} from '../../../src/cameras/runs/contract';
import type { Wire } from '../contract-types';

export type AuditRun = Wire<AuditRunShape>;
export type AuditRunDetail = Wire<AuditRunDetailShape>;
export type AuditFinding = AuditRunDetail['findings'][number];
export type CameraAuditFindings = Wire<CameraAuditFindingsShape>;
export type CameraCredential = Wire<CredentialShape>;
export { CRITERIA as AUDIT_CRITERIA } from '../../../src/cameras/audit/criteria';

/** The job's progress message "hosts done/total · devices · findings" (src/cameras/runs/service.ts). */
export function parseAuditProgress(message: string | null) {
  const m = /^(\d+)\/(\d+) · (\d+) · (\d+)$/.exec(message ?? '');
  if (!m) return null;
  return { hostsDone: Number(m[1]), hostsTotal: Number(m[2]), devices: Number(m[3]), findings: Number(m[4]) };
}

export const SEVERITY_COLORS: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
  info: 'gray',
};
