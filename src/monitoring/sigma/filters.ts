import type { Test } from './context';
import { compileDetection } from './detection';
import type { FilterDoc } from './model';
import { SigmaRuleError } from './reasons';

/** A compiled `filter` document (spec: Sigma Filters): an `and not` exclusion for the rules it names. */
export type CompiledFilter = { id?: string; title: string; rules: string[]; test: Test; source: string };

export function compileFilter(doc: FilterDoc, source: string): CompiledFilter {
  const { rules, ...detection } = doc.filter;
  return {
    ...(doc.id ? { id: doc.id } : {}),
    title: doc.title,
    rules,
    test: compileDetection(detection as Record<string, unknown>, (f) => f).test,
    source,
  };
}

/**
 * Per-unit tuning: a unit's filter documents as the `UnitContext.filters` map (rule id or name → tests).
 * Throws on the first filter that cannot compile, so a unit's tuning is all or nothing.
 */
export function compileUnitFilters(docs: Array<{ doc: FilterDoc; source: string }>): Map<string, Test[]> {
  const map = new Map<string, Test[]>();
  for (const { doc, source } of docs) {
    let filter: CompiledFilter;
    try {
      filter = compileFilter(doc, source);
    } catch (error) {
      if (error instanceof SigmaRuleError) throw error;
      throw new SigmaRuleError('schema', (error as Error).message);
    }
    for (const ref of filter.rules) map.set(ref, [...(map.get(ref) ?? []), filter.test]);
  }
  return map;
}
