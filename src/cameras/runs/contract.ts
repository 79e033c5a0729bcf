import { z } from 'zod';
import { Job } from '../../jobs/contract';

export const CAMERAS_AUDIT = 'cameras.audit';

export const AUDIT_FINDING_STATES = ['new', 'open', 'fixed'] as const;

const Bilingual = z.object({ vi: z.string(), en: z.string() });

/** A narrower scope for one run: CIDR ranges and IP literals (no host names: nothing is resolved here). */
export const AuditTargets = z
  .object({
    cidrs: z.array(z.string().min(1).max(64)).max(256).default([]),
    hosts: z
      .array(z.union([z.ipv4(), z.ipv6()]))
      .max(4096)
      .default([]),
  })
  .strict();
export type AuditTargets = z.infer<typeof AuditTargets>;

export const AuditStart = z.object({ targets: AuditTargets.optional() }).strict();
export type AuditStart = z.infer<typeof AuditStart>;

export const AuditJobPayload = z
  .object({
    unitId: z.uuid(),
    targets: AuditTargets.optional(),
    requestedBy: z.string().max(200),
    /** Chosen when the job is queued, so the console can link to the run (even a cancelled one). */
    runId: z.uuid().optional(),
  })
  .strict();
export type AuditJobPayload = z.infer<typeof AuditJobPayload>;

export const AuditRun = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  jobId: z.uuid().nullable(),
  requestedBy: z.string(),
  scope: z.object({ cidrs: z.array(z.string()), hosts: z.array(z.string()) }),
  targets: z.object({ cidrs: z.array(z.string()), hosts: z.array(z.string()) }).nullable(),
  startedAt: z.date(),
  finishedAt: z.date(),
  cancelled: z.boolean(),
  hostsTotal: z.number().int(),
  hostsDone: z.number().int(),
  devices: z.number().int(),
  findingsNew: z.number().int(),
  findingsOpen: z.number().int(),
  findingsFixed: z.number().int(),
  sent: z.record(z.string(), z.number()),
  /** Authenticated checks made with the unit's credentials (account and outcome; never the password). */
  authChecks: z.array(
    z.object({
      address: z.string(),
      credentialId: z.string().nullable(),
      username: z.string(),
      protocol: z.string(),
      ok: z.boolean(),
      detail: z.string(),
    }),
  ),
});
export type AuditRun = z.infer<typeof AuditRun>;

export const AuditFinding = z.object({
  id: z.uuid(),
  cameraId: z.uuid().nullable(),
  address: z.string(),
  port: z.number().int().nullable(),
  findingKey: z.string(),
  check: z.string(),
  state: z.enum(AUDIT_FINDING_STATES),
  severity: z.string(),
  confidence: z.string(),
  title: Bilingual,
  criteria: z.array(z.string()),
  catalogueKeys: z.array(z.string()),
  remedy: Bilingual,
  evidence: z.array(
    z.object({
      protocol: z.string(),
      address: z.string(),
      port: z.number(),
      request: z.string(),
      response: z.string(),
    }),
  ),
  cve: z.object({ id: z.string(), cvss: z.number().nullable(), kev: z.string().nullable() }).nullable(),
  firstSeenAt: z.date(),
});

export const AuditRunDetail = AuditRun.extend({ findings: z.array(AuditFinding) });
export type AuditRunDetail = z.infer<typeof AuditRunDetail>;

export const AuditRunList = z.object({ items: z.array(AuditRun) });
export const AuditRunQuery = z
  .object({ unitId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
export const AuditRunParams = z.object({ id: z.uuid() }).strict();
export const AuditUnitParams = z.object({ unitId: z.uuid() }).strict();

/** The queued audit job and the id its run will be stored under. */
export const AuditStarted = Job.extend({ runId: z.uuid() });

/** One camera's findings from the latest run that reported on it. */
export const CameraAuditFindings = z.object({
  run: AuditRun.nullable(),
  findings: z.array(AuditFinding),
});
export type CameraAuditFindings = z.infer<typeof CameraAuditFindings>;
