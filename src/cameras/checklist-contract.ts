import { z } from 'zod';
import { blankAsNull } from '../core/zod-text';
import { CRITERION_SCOPES, EVIDENCE_KINDS, RESULT_STATUSES } from './contract';

const SetCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,30}$/, 'format.criteria-set-code');
/** `<set>.<group>.<item>`: lower-case words joined by dashes. */
export const CriterionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'format.criterion-key')
  .max(120);

const CriterionFields = {
  key: CriterionKey,
  scope: z.enum(CRITERION_SCOPES).default('camera'),
  check: z.enum(['automated', 'manual']).default('manual'),
  titleVi: z.string().trim().min(1).max(500),
  titleEn: blankAsNull(500),
  reference: blankAsNull(300),
};
export const CriterionCreate = z.object(CriterionFields).strict();
export type CriterionCreate = z.infer<typeof CriterionCreate>;

export const CriteriaSetCreate = z
  .object({
    code: SetCode,
    version: z.string().trim().min(1).max(40),
    name: z.string().trim().min(1).max(500),
    source: z.string().trim().min(1).max(1000),
    mandatory: z.boolean().default(false),
    /** Retire the other versions of the same code: new results then go to this one. */
    replacesOlder: z.boolean().default(false),
    criteria: z.array(CriterionCreate).max(500).default([]),
  })
  .strict();
export type CriteriaSetCreate = z.infer<typeof CriteriaSetCreate>;

export const Criterion = z.object({
  id: z.uuid(),
  setId: z.uuid(),
  key: z.string(),
  group: z.string(),
  scope: z.enum(CRITERION_SCOPES),
  check: z.enum(['automated', 'manual']),
  titleVi: z.string(),
  titleEn: z.string().nullable(),
  reference: z.string().nullable(),
});
export type Criterion = z.infer<typeof Criterion>;
export const CriteriaSet = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.string(),
  name: z.string(),
  source: z.string(),
  mandatory: z.boolean(),
  builtin: z.boolean(),
  active: z.boolean(),
  createdBy: z.string().nullable(),
  criteria: z.array(Criterion),
});
export type CriteriaSet = z.infer<typeof CriteriaSet>;
export const CriteriaSetList = z.object({ items: z.array(CriteriaSet) });

export const ResultTarget = z.enum(['camera', 'system']);
export const ResultBody = z
  .object({
    criterionId: z.uuid(),
    status: z.enum(RESULT_STATUSES),
    note: blankAsNull(5000),
    /** A file already stored for this unit (POST /api/camera-evidence first), or none. */
    fileId: z.uuid().nullable().optional(),
  })
  .strict();
export type ResultBody = z.infer<typeof ResultBody>;

export const ChecklistRow = z.object({
  criterion: Criterion,
  setCode: z.string(),
  setVersion: z.string(),
  status: z.enum(RESULT_STATUSES),
  evidenceKind: z.enum(EVIDENCE_KINDS).nullable(),
  note: z.string().nullable(),
  fileId: z.uuid().nullable(),
  automatedSource: z.string().nullable(),
  automatedDetail: z.record(z.string(), z.unknown()).nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.date().nullable(),
});
export type ChecklistRow = z.infer<typeof ChecklistRow>;
export const Checklist = z.object({
  target: ResultTarget,
  targetId: z.uuid(),
  rows: z.array(ChecklistRow),
});

const StatusCounts = z.object({
  pass: z.number().int(),
  fail: z.number().int(),
  not_applicable: z.number().int(),
  unknown: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;
export const ComplianceSummary = z.object({
  unitId: z.uuid(),
  cameras: z.number().int(),
  systems: z.number().int(),
  criteria: z.number().int(),
  counts: StatusCounts,
  perSet: z.array(z.object({ setCode: z.string(), setVersion: z.string(), counts: StatusCounts })),
  /** The criteria that fail most often, worst first (at most ten). */
  topFailing: z.array(z.object({ key: z.string(), titleVi: z.string(), failures: z.number().int() })),
  perUnit: z.array(
    z.object({
      unitId: z.uuid(),
      unitCode: z.string(),
      unitName: z.string(),
      cameras: z.number().int(),
      counts: StatusCounts,
    }),
  ),
});
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;
export const ComplianceQuery = z.object({ unitId: z.uuid().optional() }).strict();
export const TargetParams = z.object({ id: z.uuid() }).strict();
