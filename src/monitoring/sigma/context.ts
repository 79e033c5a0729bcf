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
