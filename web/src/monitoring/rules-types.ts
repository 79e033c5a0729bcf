import type { z } from 'zod';
import type {
  SigmaBacktestResult as BacktestSchema,
  SigmaRuleDetail as DetailSchema,
  SigmaRuleImported as ImportedSchema,
  SigmaUnitRuleRow as RowSchema,
  SigmaUnitTuning as TuningSchema,
  SigmaValidation as ValidationSchema,
} from '../../../src/monitoring/rules/contract';
import type { Wire } from '../contract-types';

export type RuleRow = Wire<z.infer<typeof RowSchema>>;
export type RuleDetail = Wire<z.infer<typeof DetailSchema>>;
export type RuleImported = Wire<z.infer<typeof ImportedSchema>>;
export type Validation = Wire<z.infer<typeof ValidationSchema>>;
export type UnitTuning = Wire<z.infer<typeof TuningSchema>>;
export type BacktestResult = Wire<z.infer<typeof BacktestSchema>>;
export type Refusal = Validation['problems'][number];

export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
