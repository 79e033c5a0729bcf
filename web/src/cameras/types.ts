import type { z } from 'zod';
import type { Camera as CameraShape } from '../../../src/cameras/camera-contract';
import type {
  Checklist as ChecklistSchema,
  ComplianceSummary as ComplianceShape,
} from '../../../src/cameras/checklist-contract';
import type {
  Assessment as AssessmentShape,
  CameraSystem as CameraSystemShape,
  SuggestResult as SuggestResultSchema,
} from '../../../src/cameras/contract';
import type { ScanScope as ScanScopeShape } from '../../../src/cameras/scope-contract';
import type { Role, Wire } from '../contract-types';

export type CameraSystem = Wire<CameraSystemShape>;
export type Camera = Wire<CameraShape>;
export type Assessment = Wire<AssessmentShape>;
export type SuggestResult = Wire<z.infer<typeof SuggestResultSchema>>;
export type Checklist = Wire<z.infer<typeof ChecklistSchema>>;
export type ComplianceSummary = Wire<ComplianceShape>;
export type ScanScope = Wire<ScanScopeShape>;
export type { LevelAnswers, Regime } from '../../../src/cameras/levels/types';

/** Mirrors src/cameras/routes.ts WRITERS; the server still decides. */
export const canManageCameras = (role: Role) => role === 'admin' || role === 'unit_officer';
