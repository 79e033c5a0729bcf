import type { Logger } from 'pino';
import type { Executor } from '../../db/client';
import { findUnitById } from '../../units/queries';
import {
  type CorrelatorOptions,
  compileRuleSet,
  createDetector,
  type Detector,
  loadSigmaYaml,
  type UnitContext,
} from '../sigma';
import { activeRuleTexts, rulesFingerprint } from './queries';
import { filtersOf, placeholdersOf, unitStatesOf } from './tuning-queries';
import { ancestorsOf, effectiveEnabled, mergePlaceholders, unitContextOf } from './unit-context';

export type ActiveSet = {
  detector: Detector;
  /** Rule row id → the compiled rule and correlation ids of its file (compiled with source = row id). */
  idsOfRow: Map<string, string[]>;
  platformEnabled: Map<string, boolean>;
  fingerprint: string;
  empty: boolean;
};
export type ResolvedUnit = { context: UnitContext; disabledRows: ReadonlySet<string> };

/**
 * The compiled rules every unit shares, and each unit's view of them (switches, placeholders, filters),
 * both cached until `invalidate()` (called on the change signal, local or from another node, or when
 * the slow fingerprint check sees a write it was not told of). A rebuild starts a new detector that
 * takes over the open windows of every correlation whose content (and base rules) did not change.
 */
export function createActiveRules(db: Executor, log: Logger, options: CorrelatorOptions = {}) {
  let current: Promise<ActiveSet> | undefined;
  let last: ActiveSet | undefined;
  /** The built set `current` resolved to; undefined while it builds or after invalidate. */
  let ready: ActiveSet | undefined;
  const units = new Map<string, Promise<ResolvedUnit>>();
  const readyUnits = new Map<string, ResolvedUnit>();
  const get = () => {
    current ??= build(db, log, options, last).then(
      (set) => {
        last = set;
        if (current === built) ready = set;
        return set;
      },
      (error) => {
        current = undefined;
        throw error;
      },
    );
    const built = current;
    return current;
  };
  return {
    get,
    unit(unitId: string): Promise<ResolvedUnit> {
      let found = units.get(unitId);
      if (!found) {
        const resolving = get().then((set) => resolveUnit(db, log, set, unitId));
        found = resolving;
        resolving.then(
          (unit) => {
            if (units.get(unitId) === resolving) readyUnits.set(unitId, unit);
          },
          () => units.delete(unitId),
        );
        units.set(unitId, found);
      }
      return found;
    },
    /** The built set, without waiting: undefined while a (re)build is under way or none started. */
    peek(): ActiveSet | undefined {
      return ready;
    },
    /** A unit's resolved view, without waiting: undefined until `unit(unitId)` has resolved it. */
    peekUnit(unitId: string): ResolvedUnit | undefined {
      return readyUnits.get(unitId);
    },
    /** Rules changed: rebuild everything. Tuning only: keep the detector, re-resolve units. */
    invalidate(what: 'rules' | 'tuning' = 'rules') {
      if (what === 'rules') {
        current = undefined;
        ready = undefined;
      }
      units.clear();
      readyUnits.clear();
    },
    /** True when the database no longer holds what the cached set was built from. */
    async outdated(): Promise<boolean> {
      if (!current) return false;
      const built = await current.catch(() => undefined);
      return built !== undefined && built.fingerprint !== (await rulesFingerprint(db));
    },
  };
}
export type ActiveRules = ReturnType<typeof createActiveRules>;

async function build(
  db: Executor,
  log: Logger,
  options: CorrelatorOptions,
  previous: ActiveSet | undefined,
): Promise<ActiveSet> {
  const fingerprint = await rulesFingerprint(db);
  const rows = await activeRuleTexts(db);
  const ruleSet = compileRuleSet(rows.flatMap((r) => loadSigmaYaml(r.yaml, r.id).documents));
  for (const r of ruleSet.rejected)
    log.warn({ rule: r.ruleId, reason: r.reason, detail: r.detail }, 'stored Sigma rule rejected');
  const idsOfRow = new Map<string, string[]>();
  for (const c of [...ruleSet.rules, ...ruleSet.correlations])
    idsOfRow.set(c.source, [...(idsOfRow.get(c.source) ?? []), c.id]);
  const detector = createDetector(ruleSet, options);
  if (previous) {
    const { kept, reset } = detector.correlator.adopt(previous.detector.correlator);
    if (kept + reset > 0)
      log.info({ kept, reset }, 'rules rebuilt; correlation windows kept where unchanged');
  }
  return {
    detector,
    idsOfRow,
    platformEnabled: new Map(rows.map((r) => [r.id, r.enabled])),
    fingerprint,
    empty: ruleSet.rules.length === 0 && ruleSet.correlations.length === 0,
  };
}

async function resolveUnit(db: Executor, log: Logger, set: ActiveSet, unitId: string): Promise<ResolvedUnit> {
  const unit = await findUnitById(db, unitId);
  const ancestors = unit ? ancestorsOf(unit.path) : [unitId];
  const [states, lists, filters] = await Promise.all([
    unitStatesOf(db, ancestors),
    placeholdersOf(db, ancestors),
    filtersOf(db, ancestors),
  ]);
  const switches = new Map<string, Map<string, boolean>>();
  for (const s of states)
    switches.set(s.ruleRowId, (switches.get(s.ruleRowId) ?? new Map()).set(s.unitId, s.enabled));
  const disabledRows = new Set<string>();
  for (const [rowId, on] of set.platformEnabled)
    if (!effectiveEnabled(on, switches.get(rowId), ancestors)) disabledRows.add(rowId);
  const disabledIds = [...disabledRows].flatMap((rowId) => set.idsOfRow.get(rowId) ?? []);
  const placeholders = mergePlaceholders(ancestors, lists);
  try {
    return {
      context: unitContextOf(unitId, { disabledIds, placeholders, filterTexts: filters }),
      disabledRows,
    };
  } catch (error) {
    // A stored filter that no longer compiles (engine changed) must not stop the unit's detection.
    log.warn(
      { unitId, err: error },
      'a unit Sigma filter does not compile; the unit runs without its filters',
    );
    return { context: unitContextOf(unitId, { disabledIds, placeholders, filterTexts: [] }), disabledRows };
  }
}
