import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { blankAsNull } from '../core/zod-text';
import {
  ICS_GRADES,
  INFORMATION_TYPES,
  INFRASTRUCTURE_SCOPES,
  REGIMES,
  SECRET_HARMS,
  SYSTEM_TYPES,
} from './levels/types';

export const STORAGE_LOCATIONS = [
  'nvr_local',
  'unit_server',
  'shared_datacenter',
  'cloud_vietnam',
  'cloud_foreign',
  'unknown',
] as const;
export const INTERNET_EXPOSURES = ['none', 'vpn_only', 'port_forward', 'cloud_p2p', 'unknown'] as const;
export const ASSESSMENT_STATUSES = ['proposed', 'appraised', 'approved', 'superseded'] as const;
export const CAMERA_SOURCES = ['manual', 'csv', 'audit'] as const;
export const RESULT_STATUSES = ['pass', 'fail', 'not_applicable', 'unknown'] as const;
export const EVIDENCE_KINDS = ['note', 'file', 'automated'] as const;
export const CRITERION_SCOPES = ['camera', 'system', 'both'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.coerce.number().int().min(0).max(1_000_000);
export const IdParams = z.object({ id: z.uuid() }).strict();
export const UnitIdQuery = z.object({ unitId: z.uuid().optional() }).strict();

// ---- camera systems ----
const SystemFields = {
  name: text(200),
  purpose: blankAsNull(2000),
  monitoredAreas: blankAsNull(2000),
  storageLocation: z.enum(STORAGE_LOCATIONS).default('unknown'),
  storageNote: blankAsNull(500),
  retentionDays: z.number().int().min(0).max(3650).nullable().optional(),
  ownerName: blankAsNull(200),
  operatorName: blankAsNull(200),
  operatorContact: blankAsNull(300),
  internetExposure: z.enum(INTERNET_EXPOSURES).default('unknown'),
  cameraCount: count.default(0),
  nvrCount: count.default(0),
  nvrDescription: blankAsNull(1000),
  recordsIdentifiablePeople: z.boolean().default(true),
  networkDescription: blankAsNull(2000),
  notes: blankAsNull(5000),
};
export const SystemCreate = z.object({ unitId: z.uuid(), ...SystemFields }).strict();
export type SystemCreate = z.infer<typeof SystemCreate>;
export const SystemUpdate = z
  .object(
    Object.fromEntries(Object.entries(SystemFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
      [K in keyof typeof SystemFields]: z.ZodOptional<(typeof SystemFields)[K]>;
    },
  )
  .strict();
export type SystemUpdate = z.infer<typeof SystemUpdate>;

export const CameraSystem = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  name: z.string(),
  purpose: z.string().nullable(),
  monitoredAreas: z.string().nullable(),
  storageLocation: z.enum(STORAGE_LOCATIONS),
  storageNote: z.string().nullable(),
  retentionDays: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  operatorName: z.string().nullable(),
  operatorContact: z.string().nullable(),
  internetExposure: z.enum(INTERNET_EXPOSURES),
  cameraCount: z.number().int(),
  nvrCount: z.number().int(),
  nvrDescription: z.string().nullable(),
  recordsIdentifiablePeople: z.boolean(),
  networkDescription: z.string().nullable(),
  notes: z.string().nullable(),
  /** Cameras of the inventory linked to this system (the declared cameraCount may differ). */
  inventoryCameras: z.number().int(),
  /** The level of the latest approved assessment, with its regime; null when none is approved. */
  approvedLevel: z.number().int().nullable(),
  approvedRegime: z.enum(REGIMES).nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CameraSystem = z.infer<typeof CameraSystem>;
export const SystemQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
}).strict();
export const SystemPage = pageOf(CameraSystem);

// ---- level assessments ----
export const LevelAnswers = z
  .object({
    systemType: z.enum(SYSTEM_TYPES),
    informationTypes: z.array(z.enum(INFORMATION_TYPES)).min(1).max(4),
    stateSecretHarm: z.enum(SECRET_HARMS).default('none'),
    publicServiceLevel: z.number().int().min(0).max(4).default(0),
    conditionalBusiness: z.boolean().default(false),
    users: count.default(0),
    basicDataSubjects: z.number().int().min(0).max(1e9).default(0),
    sensitiveDataSubjects: z.number().int().min(0).max(1e9).default(0),
    handlesAdminProcedures: z.boolean().default(false),
    infrastructureScope: z.enum(INFRASTRUCTURE_SCOPES).default('none'),
    nationalEgov247: z.boolean().default(false),
    icsWorksGrade: z.enum(ICS_GRADES).default('none'),
    centralNationalData: z.boolean().default(false),
    pmDecision: z.boolean().default(false),
    riskAssessmentLevel: z.number().int().min(0).max(5).default(0),
  })
  .strict();

export const AssessmentCreate = z
  .object({
    regime: z.enum(REGIMES),
    answers: LevelAnswers,
    /** Admin only: the level to propose instead of the suggestion, with the reason. */
    overrideLevel: z.number().int().min(1).max(5).optional(),
    overrideReason: z.string().trim().min(10).max(2000).optional(),
  })
  .strict()
  .refine((v) => (v.overrideLevel === undefined) === (v.overrideReason === undefined), {
    path: ['overrideReason'],
    message: 'format.override-reason',
  });
export type AssessmentCreate = z.infer<typeof AssessmentCreate>;
export const SuggestBody = z.object({ regime: z.enum(REGIMES), answers: LevelAnswers }).strict();

const Bilingual = z.object({ vi: z.string(), en: z.string() });
const MatchedRule = z.object({
  id: z.string(),
  level: z.number().int(),
  article: Bilingual,
  text: Bilingual,
  verified: z.boolean(),
  reads: z.array(z.string()),
});
export const LevelSuggestion = z.object({
  regime: z.enum(REGIMES),
  level: z.number().int(),
  deciding: MatchedRule.extend({ fallback: z.boolean() }),
  matched: z.array(MatchedRule),
  answers: z.array(z.object({ question: z.string(), value: z.unknown(), clauses: z.array(z.string()) })),
});
export const ApprovalPathShape = z.object({
  preparedBy: z.string(),
  appraisedBy: z.string(),
  approvedBy: z.string(),
  appraisalDays: z.number().int().nullable(),
  approvalWorkingDays: z.number().int(),
  needsExpertOpinion: z.boolean(),
  articles: z.string(),
});
export const SuggestResult = z.object({ suggestion: LevelSuggestion, path: ApprovalPathShape });

export const Assessment = z.object({
  id: z.uuid(),
  systemId: z.uuid(),
  unitId: z.uuid(),
  regime: z.enum(REGIMES),
  answers: z.record(z.string(), z.unknown()),
  suggestion: LevelSuggestion,
  suggestedLevel: z.number().int(),
  level: z.number().int(),
  decidingArticle: z.string(),
  overrideReason: z.string().nullable(),
  status: z.enum(ASSESSMENT_STATUSES),
  proposedBy: z.string().nullable(),
  proposedAt: z.date(),
  appraisedBy: z.string().nullable(),
  appraisedAt: z.date().nullable(),
  appraisalBody: z.string().nullable(),
  appraisalNote: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.date().nullable(),
  approvalBody: z.string().nullable(),
  approvalNote: z.string().nullable(),
  path: ApprovalPathShape,
});
export type Assessment = z.infer<typeof Assessment>;
export const AssessmentParams = z.object({ id: z.uuid(), assessmentId: z.uuid() }).strict();
export const AssessmentStep = z
  .object({ body: blankAsNull(300), note: blankAsNull(5000), decisionRef: blankAsNull(200) })
  .strict();
export type AssessmentStep = z.infer<typeof AssessmentStep>;
export const DossierQuery = z
  .object({
    signerName: z.string().trim().min(1).max(100).optional(),
    symbol: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}.&]+)*$/u, 'format.symbol')
      .max(40)
      .optional(),
    drafter: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type DossierQuery = z.infer<typeof DossierQuery>;
