import type { CompiledChecks } from './checks';
import type { Test } from './context';
import { type EventView, fieldId } from './event-view';
import { ANY_FIELD, type GateKey } from './gate';
import { type FieldLiterals, LiteralIndex } from './literal-index';
import type { CompiledRule } from './rule';

/** Sees each candidate of an event once. */
export type Visitor = { visit(e: Entry): void };

export type Entry = {
  rule: CompiledRule;
  where: Test;
  test: Test;
  gate: GateKey[] | null;
  /** The rule's other clauses (checks.ts), checked before `where` and `test`. */
  checks: CompiledChecks | null;
  seen: number;
};

type FieldIndex = {
  field: string;
  slot: number;
  eq: Map<string, Entry[]>;
  base: Map<string, Entry[]>;
  sub: Map<string, Entry[]>;
  all: Entry[];
  /** Built on first use (the bucket is complete by then): literal id of the field's dictionary → rules. */
  byLiteral?: Array<Entry[] | undefined>;
  dict?: FieldLiterals;
};

/**
 * The rules of one Channel/EventID, indexed by their pre-filter keys (see gate.ts). `visit` sees each
 * candidate once per event: the rules without keys, and the keyed rules whose key the event satisfies.
 * Substring keys use the rule set's per-field literal dictionaries, so the scan that finds them is the
 * same one the `contains` tests read afterwards (one scan per field and event).
 */
export class RuleBucket {
  readonly ungated: Entry[] = [];
  private readonly fields = new Map<string, FieldIndex>();
  /** `fields`' values, for the per-event walk (an array loop instead of a Map iterator). */
  private readonly fieldList: FieldIndex[] = [];

  constructor(
    private readonly literals = new LiteralIndex(),
    private readonly keywordGate?: LiteralIndex,
  ) {}

  add(entry: Entry, useGate: boolean): void {
    if (!useGate || !entry.gate) {
      this.ungated.push(entry);
      return;
    }
    for (const key of entry.gate) {
      let index = this.fields.get(key.field);
      if (!index) {
        index = {
          field: key.field,
          slot: fieldId(key.field),
          eq: new Map(),
          base: new Map(),
          sub: new Map(),
          all: [],
        };
        this.fields.set(key.field, index);
        this.fieldList.push(index);
      }
      const map = key.kind === 'eq' ? index.eq : key.kind === 'base' ? index.base : index.sub;
      const list = map.get(key.value);
      if (list) list.push(entry);
      else map.set(key.value, [entry]);
      if (!index.all.includes(entry)) index.all.push(entry);
    }
  }

  run(ev: EventView, seq: number, visit: Visitor): void {
    for (const e of this.ungated) visit.visit(e);
    const fields = this.fieldList;
    for (let f = 0; f < fields.length; f++) {
      const index = fields[f]!;
      const field = index.field;
      if (field === ANY_FIELD) {
        // Keyword keys: one scan of all the event's texts joined (EventView.keywordLower).
        if (index.sub.size > 0) this.scanSub(index, field, ev, ev.keywordLower(), seq, visit);
        continue;
      }
      const lower = ev.lowerAt(index.slot, field);
      if (lower === undefined) {
        // A list-valued field cannot be looked up: every keyed rule on it is a candidate.
        if (Array.isArray(ev.get(field))) for (const e of index.all) once(e, seq, visit);
        continue;
      }
      if (index.eq.size > 0) for (const e of index.eq.get(lower) ?? NONE) once(e, seq, visit);
      if (index.base.size > 0) {
        for (const e of index.base.get(lower.slice(lower.lastIndexOf('\\') + 1)) ?? NONE) once(e, seq, visit);
      }
      if (index.sub.size > 0) this.scanSub(index, field, ev, lower, seq, visit);
    }
  }

  private scanSub(
    index: FieldIndex,
    field: string,
    ev: EventView,
    lower: string,
    seq: number,
    visit: Visitor,
  ): void {
    if (!index.byLiteral || !index.dict) this.linkLiterals(index, field);
    const dict = index.dict!;
    const byLiteral = index.byLiteral!;
    dict.scan(ev.seq, lower);
    const found = dict.found;
    for (let k = 0; k < found.length; k++) {
      const entries = byLiteral[found[k]!];
      if (entries) for (const e of entries) once(e, seq, visit);
    }
  }

  private linkLiterals(index: FieldIndex, field: string): void {
    const dict = this.gateDictionary(field);
    const ids = [...index.sub].map(([literal, entries]) => [dict.add(literal), entries] as const);
    const byLiteral: Array<Entry[] | undefined> = [];
    for (const [id, entries] of ids) byLiteral[id] = entries;
    index.dict = dict;
    index.byLiteral = byLiteral;
  }

  /**
   * The dictionary the bucket's substring keys are scanned with: the rule set's shared one for the field,
   * whose scan the `contains` tests of the candidates then reuse; for the keyword pseudo-field, the
   * `keywordGate` dictionary when given (see ruleset.ts: the Windows buckets' keyword keys only).
   */
  private gateDictionary(field: string): FieldLiterals {
    if (field === ANY_FIELD && this.keywordGate) return this.keywordGate.field(field);
    return this.literals.field(field);
  }
}

const NONE: Entry[] = [];

function once(e: Entry, seq: number, visit: Visitor): void {
  if (e.seen === seq) return;
  e.seen = seq;
  visit.visit(e);
}
