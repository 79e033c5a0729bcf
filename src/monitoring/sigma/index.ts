/**
 * The Sigma engine's public API (see docs/monitoring-sigma.md):
 * loadSigmaYaml(text, source) → documents; compileRuleSet(documents) → RuleSet; createDetector(ruleSet)
 * → process(event, {unit, hint, time}) → Detection[] (matches + correlations), flush(time).
 */
export type { Test, UnitContext } from './context';
export type { CorrelationMatch, CorrelatorOptions } from './correlation/engine';
export { createDetector, type Detection, type Detector, type RuleMatch } from './detector';
export type { SigmaEvent } from './event-view';
export { compileUnitFilters } from './filters';
export { type LoadOptions, loadSigmaYaml } from './load';
export type { SigmaDocument } from './model';
export { eventTime, normalizeEvent } from './normalize';
export { REJECT_REASONS, type Rejection, type RejectReason } from './reasons';
export type { RuleMeta } from './rule';
export { type CompileOptions, compileRuleSet, type LogsourceHint, type RuleSet } from './ruleset';
