import { REJECT_REASONS, type Rejection } from '../sigma/reasons';
import type { RuleSet } from '../sigma/ruleset';

export type CompileReport = {
  files: number;
  documents: number;
  compiled: { rules: number; correlations: number; filters: number };
  rejected: number;
  byReason: Array<{ reason: string; label: { vi: string; en: string }; count: number; examples: string[] }>;
};

/** Compile figures for a rule set: what runs, what was refused and why (grouped by reason code). */
export function compileReport(
  files: number,
  documents: number,
  loadRejected: Rejection[],
  ruleSet: RuleSet,
): CompileReport {
  const all = [...loadRejected, ...ruleSet.rejected];
  const groups = new Map<string, Rejection[]>();
  for (const r of all) groups.set(r.reason, [...(groups.get(r.reason) ?? []), r]);
  return {
    files,
    documents: documents + loadRejected.length,
    compiled: {
      rules: ruleSet.rules.length,
      correlations: ruleSet.correlations.length,
      filters: ruleSet.filters.length,
    },
    rejected: all.length,
    byReason: [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([reason, list]) => ({
        reason,
        label: REJECT_REASONS[reason as keyof typeof REJECT_REASONS],
        count: list.length,
        examples: list.slice(0, 3).map((r) => `${r.source}: ${r.detail}`),
      })),
  };
}
