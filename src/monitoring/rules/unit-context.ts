import { compileUnitFilters, loadSigmaYaml, type Test, type UnitContext } from '../sigma';

/** The units from the root down to this one (a unit path is "/<root id>/<child id>/…/"). */
export function ancestorsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * Whether a rule runs for a unit: the nearest unit on the way up (itself first) that switched it on or
 * off decides; with none, the platform-wide flag does.
 */
export function effectiveEnabled(
  platformEnabled: boolean,
  switches: ReadonlyMap<string, boolean> | undefined,
  ancestors: readonly string[],
): boolean {
  if (switches) {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const own = switches.get(ancestors[i]!);
      if (own !== undefined) return own;
    }
  }
  return platformEnabled;
}

/** Placeholder lists seen by a unit: its ancestors' lists, a nearer unit's list of one name replacing. */
export function mergePlaceholders(
  ancestors: readonly string[],
  lists: ReadonlyArray<{ unitId: string; placeholders: Record<string, string[]> }>,
): Record<string, string[]> {
  const byUnit = new Map(lists.map((l) => [l.unitId, l.placeholders]));
  const merged: Record<string, string[]> = {};
  for (const id of ancestors) Object.assign(merged, byUnit.get(id) ?? {});
  return merged;
}

/** Drops every match of a rule (a rule switched off for the unit), through the engine's unit filters. */
const DROP: Test = () => true;

export type UnitTuning = {
  /** Compiled ids (rules and correlations) the unit does not run. */
  disabledIds: Iterable<string>;
  placeholders: Record<string, string[]>;
  filterTexts: ReadonlyArray<{ id: string; yaml: string }>;
};

/**
 * The engine's view of one unit: rules switched off become "always excluded" filters (the rule set is
 * shared by every unit, so it cannot drop them itself), and the unit's filter documents are compiled
 * as per-unit exclusions. Throws the engine's error when a stored filter no longer compiles.
 */
export function unitContextOf(unitId: string, tuning: UnitTuning): UnitContext {
  const docs = tuning.filterTexts.flatMap((f) =>
    loadSigmaYaml(f.yaml, f.id)
      .documents.filter((d) => d.kind === 'filter')
      .map((d) => ({ doc: d.doc as Parameters<typeof compileUnitFilters>[0][number]['doc'], source: f.id })),
  );
  const filters = compileUnitFilters(docs);
  for (const id of tuning.disabledIds) filters.set(id, [DROP]);
  return {
    unitId,
    ...(Object.keys(tuning.placeholders).length ? { placeholders: tuning.placeholders } : {}),
    ...(filters.size ? { filters } : {}),
  };
}
