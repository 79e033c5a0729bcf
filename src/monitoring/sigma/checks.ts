import { type EventView, fieldId } from './event-view';
import { ANY_FIELD, type Clause } from './gate';
import type { FieldLiterals, LiteralIndex } from './literal-index';

/**
 * The multi-clause gate. A candidate rule (its narrowest clause held, see bucket.ts) often has other
 * AND-ed clauses with literals: `Image|endswith: '\powershell.exe'` found it, `CommandLine|contains:
 * ' -enc '` must hold too. Each clause is checked here against what the event scan already knows (the
 * field's literal stamps, its lower-case text) before the rule's closures run; most candidates stop here.
 * A check can only say "cannot match": when in doubt (a list-valued field) it lets the rule run.
 */
type CheckKey = {
  field: string;
  slot: number;
  kind: 'eq' | 'base' | 'sub';
  value: string;
  /** `base`: `\value`, the ending of a path whose base name is the value. */
  suffix: string;
  /** `sub`: the field's literal dictionary and the literal's id in it. */
  dict: FieldLiterals | undefined;
  literal: number;
};

export type CompiledChecks = CheckKey[][];

export function compileChecks(clauses: Clause[], literals: LiteralIndex): CompiledChecks | null {
  if (clauses.length === 0) return null;
  return clauses.map((clause) =>
    clause.map((k) => {
      const dict = k.kind === 'sub' ? literals.field(k.field) : undefined;
      return {
        field: k.field,
        slot: fieldId(k.field),
        kind: k.kind,
        value: k.value,
        suffix: `\\${k.value}`,
        dict,
        literal: dict ? dict.add(k.value) : -1,
      };
    }),
  );
}

/** False when some clause holds for none of its keys: the rule cannot match this event. */
export function passesChecks(checks: CompiledChecks, ev: EventView): boolean {
  for (let c = 0; c < checks.length; c++) {
    const clause = checks[c]!;
    let holds = false;
    for (let k = 0; k < clause.length; k++) {
      if (keyHolds(clause[k]!, ev)) {
        holds = true;
        break;
      }
    }
    if (!holds) return false;
  }
  return true;
}

function keyHolds(key: CheckKey, ev: EventView): boolean {
  if (key.field === ANY_FIELD) {
    if (!key.dict!.scannedFor(ev.seq)) return ev.keywordLower().includes(key.value);
    return key.dict!.has(key.literal);
  }
  const lower = ev.lowerAt(key.slot, key.field);
  // Absent: no key on the field can hold. A list: the index cannot tell, the closures will.
  if (lower === undefined) return Array.isArray(ev.get(key.field));
  if (key.kind === 'eq') return lower === key.value;
  if (key.kind === 'base') return lower === key.value || lower.endsWith(key.suffix);
  // One literal in a text nobody scanned yet: `includes` costs a fraction of an automaton scan of the field
  // (CommandLine's automaton has ~45,000 states), and most candidates stop here. Same answer either way:
  // the automaton finds exactly the literals that are substrings of the text.
  if (!key.dict!.scannedFor(ev.seq)) return lower.includes(key.value);
  return key.dict!.has(key.literal);
}
