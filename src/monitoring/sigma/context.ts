import type { EventView } from './event-view';

/**
 * What a unit (tenant) contributes to matching: its `expand` placeholder values (e.g. `%Admins%` → its
 * admin accounts) and its own filters (per-unit tuning). The same compiled rule set serves every unit.
 */
export type UnitContext = {
  unitId?: string;
  placeholders?: Readonly<Record<string, readonly string[]>>;
  /** Rule id → extra exclusion tests (compiled `filter` documents of this unit). */
  filters?: ReadonlyMap<string, ReadonlyArray<Test>>;
};

export const NO_UNIT: UnitContext = Object.freeze({});

/** One compiled predicate over an event. */
export type Test = (ev: EventView, unit: UnitContext) => boolean;

export const ALWAYS: Test = () => true;
export const NEVER: Test = () => false;

/**
 * The AND of tests, short-circuiting in order. A plain loop rather than `tests.every((t) => t(ev, unit))`:
 * that allocates an arrow per call on the hot path (one per search, per candidate rule and event).
 */
export function allOf(tests: Test[]): Test {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return (ev, unit) => a(ev, unit) && b(ev, unit);
  }
  return (ev, unit) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(ev, unit)) return false;
    return true;
  };
}

/** The OR of tests, short-circuiting in order (see `allOf`). */
export function anyOf(tests: Test[]): Test {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return (ev, unit) => a(ev, unit) || b(ev, unit);
  }
  return (ev, unit) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(ev, unit)) return true;
    return false;
  };
}
