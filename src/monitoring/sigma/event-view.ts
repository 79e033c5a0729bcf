/** A flat event: Sigma field name → value. Nested objects are reached by dotted names (`source.ip`). */
export type SigmaEvent = Record<string, unknown>;

let views = 0;

/**
 * Field names interned to small integers (compile time: each compiled test asks once). Per-event lower-case
 * texts live in one shared table indexed by field id and stamped with the event's `seq`, instead of a `Map`
 * allocated per event: a slot is valid only for the view whose seq it carries, so interleaved views stay
 * correct (a view asked again after another one recomputes).
 */
const fieldIds = new Map<string, number>();
const fieldNames: string[] = [];
let slotSeq = new Float64Array(256).fill(-1);
const slotLower: Array<string | undefined> = [];

export function fieldId(name: string): number {
  let id = fieldIds.get(name);
  if (id === undefined) {
    id = fieldNames.length;
    fieldIds.set(name, id);
    fieldNames.push(name);
    slotLower.push(undefined);
    if (id >= slotSeq.length) {
      const grown = new Float64Array(slotSeq.length * 2).fill(-1);
      grown.set(slotSeq);
      slotSeq = grown;
    }
  }
  return id;
}

/**
 * One event as the compiled rules see it. Lower-cased texts are computed once per event and field, so that
 * a thousand case-insensitive rules on `CommandLine` lower-case it once.
 */
export class EventView {
  private keywordTexts: Array<[string, string]> | undefined;
  private keywordJoined: string | undefined;

  /** Unique per view: per-event caches outside the view (literal-index.ts, the field slots) are keyed by it. */
  readonly seq = ++views;

  constructor(readonly event: SigmaEvent) {}

  /** The raw value; `undefined` when the field is absent. */
  get(field: string): unknown {
    const direct = this.event[field];
    if (direct !== undefined || !field.includes('.')) return direct;
    let node: unknown = this.event;
    for (const part of field.split('.')) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  }

  has(field: string): boolean {
    return this.get(field) !== undefined;
  }

  /** The value as text (numbers and booleans stringified: EVTX gives 4688, syslog gives "4688"). */
  text(field: string): string | undefined {
    return scalarText(this.get(field));
  }

  lower(field: string): string | undefined {
    return this.lowerAt(fieldId(field), field);
  }

  /** `lower` for a field interned at compile time (`fieldId(field) === id`): no name lookup per event. */
  lowerAt(id: number, field: string): string | undefined {
    if (slotSeq[id] === this.seq) return slotLower[id];
    const value = scalarText(this.get(field))?.toLowerCase();
    slotSeq[id] = this.seq;
    slotLower[id] = value;
    return value;
  }

  /** All texts of a field: one for a scalar, each element of a list. */
  texts(field: string): string[] {
    const value = this.get(field);
    if (Array.isArray(value)) return value.map(scalarText).filter((v): v is string => v !== undefined);
    const one = scalarText(value);
    return one === undefined ? [] : [one];
  }

  /**
   * Every text value of the event (the haystack's), joined by NUL and lower-cased in one call: a literal
   * without NUL is in some text exactly when it is in this string, so keyword searches are one scan.
   */
  keywordLower(): string {
    if (this.keywordJoined === undefined) {
      const parts: string[] = [];
      // Object.keys + lookups, not Object.values: the same values in the same order, three times faster on
      // the wide objects of EVTX records (V8 reuses the enumeration cache and builds no array of values).
      const event = this.event;
      const keys = Object.keys(event);
      for (let i = 0; i < keys.length; i++) collectRaw(event[keys[i]!], parts, 1);
      this.keywordJoined = parts.join('\u0000').toLowerCase();
    }
    return this.keywordJoined;
  }

  /** Every text value anywhere in the event with its lower-case form, for keyword searches. */
  keywordHaystack(): Array<[string, string]> {
    if (!this.keywordTexts) {
      const out: Array<[string, string]> = [];
      for (const key of Object.keys(this.event)) {
        const value = this.event[key];
        // Top-level scalars reuse the per-field lower-case cache the field tests fill anyway.
        const text = scalarText(value);
        if (text !== undefined) out.push([text, this.lower(key)!]);
        else collectTexts(value, out, 1);
      }
      this.keywordTexts = out;
    }
    return this.keywordTexts;
  }
}

export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

function collectTexts(node: unknown, out: Array<[string, string]>, depth: number): void {
  if (depth > 8) return;
  const text = scalarText(node);
  if (text !== undefined) {
    out.push([text, text.toLowerCase()]);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const value of Array.isArray(node) ? node : Object.values(node)) collectTexts(value, out, depth + 1);
}

/** The same texts as `keywordHaystack` (top-level scalars, then nested values to depth 8), not lower-cased. */
function collectRaw(node: unknown, out: string[], depth: number): void {
  if (depth > 8) return;
  const text = scalarText(node);
  if (text !== undefined) {
    out.push(text);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const value of Array.isArray(node) ? node : Object.values(node)) collectRaw(value, out, depth + 1);
}
