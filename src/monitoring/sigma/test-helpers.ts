import type { UnitContext } from './context';
import type { SigmaEvent } from './event-view';
import { loadSigmaYaml } from './load';
import { compileRuleSet, type RuleSet } from './ruleset';

/** Compiles YAML text (one or more documents); throws with the reasons when anything is rejected. */
export function ruleSetOf(yaml: string): RuleSet {
  const loaded = loadSigmaYaml(yaml, 'test.yml');
  const set = compileRuleSet(loaded.documents);
  const rejected = [...loaded.rejected, ...set.rejected];
  if (rejected.length > 0) throw new Error(rejected.map((r) => `${r.reason}: ${r.detail}`).join('; '));
  return set;
}

/** The rejection reason of a rule that should not compile. */
export function rejectionOf(yaml: string): string {
  const loaded = loadSigmaYaml(yaml, 'test.yml');
  const set = compileRuleSet(loaded.documents);
  const rejected = [...loaded.rejected, ...set.rejected];
  return rejected.map((r) => r.reason).join(',') || 'compiled';
}

/** A one-selection rule on a hint-routed logsource. */
export function selectionRule(selection: string, condition = 'selection'): string {
  const body = selection
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `title: t\nid: r1\nauthor: tester\nlogsource:\n  product: test\ndetection:\n  selection:\n${body}\n  condition: ${condition}\n`;
}

export function matches(yaml: string, event: SigmaEvent, unit?: UnitContext): boolean {
  return ruleSetOf(yaml).match(event, unit, { product: 'test' }).length > 0;
}
