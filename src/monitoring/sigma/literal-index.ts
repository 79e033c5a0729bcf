import { AhoCorasick } from './aho-corasick';

/**
 * Every case-insensitive literal that some rule looks for inside one field (the `contains` values, and the
 * pre-filter's substring keys), with one Aho–Corasick automaton. An event's field is scanned once, on the
 * first test that asks; every later `contains` test of any rule on that field is then a few array reads
 * instead of a substring search each.
 *
 * State: `stamps[id] === epoch` means literal `id` occurs in the last text scanned, the field of the event
 * whose `EventView.seq` is `scanned`. An event seen again after another one is simply scanned again, so
 * interleaved events stay correct; callers always `scan` before asking.
 */
export class FieldLiterals {
  private readonly ids = new Map<string, number>();
  private readonly literals: string[] = [];
  /** ASCII literals, and the others: the second automaton runs only on texts with a non-ASCII character. */
  private automaton: AhoCorasick | undefined;
  private wideAutomaton: AhoCorasick | undefined;
  private stamps = new Float64Array(0);
  private scanned = -1;
  private epoch = 0;
  private probeSeq = -1;
  private probes = 0;
  /** The literal ids found in the last scanned text. */
  readonly found: number[] = [];

  /** The id of a (lower-case) literal; adding after a scan rebuilds the automaton on the next one. */
  add(literal: string): number {
    let id = this.ids.get(literal);
    if (id === undefined) {
      id = this.literals.length;
      this.ids.set(literal, id);
      this.literals.push(literal);
      this.automaton = undefined;
      this.scanned = -1;
    }
    return id;
  }

  private build(): void {
    // A few rules (homoglyphs, emoji) use non-ASCII literals; in the same automaton they would multiply
    // its alphabet, and so its table, by twenty for texts that almost never contain them.
    const ascii = this.literals.map((l) => (isAscii(l) ? l : ''));
    const wide = this.literals.map((l, i) => (ascii[i] === '' ? l : ''));
    this.automaton = new AhoCorasick(ascii);
    this.wideAutomaton = wide.some((l) => l !== '') ? new AhoCorasick(wide) : undefined;
    this.stamps = new Float64Array(this.literals.length).fill(-1);
  }

  get size(): number {
    return this.literals.length;
  }

  /** Scans `lower` (the field's lower-case text for event `seq`) unless it was the last text scanned. */
  scan(seq: number, lower: string): void {
    if (this.scanned === seq) return;
    if (!this.automaton) this.build();
    this.found.length = 0;
    const mark = ++this.epoch;
    if (this.automaton!.scanInto(lower, this.stamps, mark, this.found) && this.wideAutomaton) {
      this.wideAutomaton.scanInto(lower, this.stamps, mark, this.found);
    }
    this.scanned = seq;
  }

  /**
   * Does any of `texts` (the literals of `ids`) occur in `lower`, event `seq`'s text of the field? Before
   * the field is scanned for the event, a test with a few literals asks `includes` (a fraction of a scan
   * of a large automaton each) while the event's budget of such probes lasts; then the scan runs once and
   * every later test reads its stamps. Same answer either way.
   */
  containsAny(seq: number, lower: string, ids: Int32Array, texts: string[], mine?: Uint8Array): boolean {
    if (this.scanned !== seq && texts.length <= PROBE_BUDGET) {
      if (this.probeSeq !== seq) {
        this.probeSeq = seq;
        this.probes = 0;
      }
      if (this.probes + texts.length <= PROBE_BUDGET) {
        this.probes += texts.length;
        for (let i = 0; i < texts.length; i++) if (lower.includes(texts[i]!)) return true;
        return false;
      }
    }
    this.scan(seq, lower);
    return this.hasAny(ids, mine);
  }

  /** Whether the stamps are those of event `seq`'s text (`scan` ran for it and nothing was added since). */
  scannedFor(seq: number): boolean {
    return this.scanned === seq;
  }

  /** After `scan`: does literal `id` occur in the text scanned? */
  has(id: number): boolean {
    return this.stamps[id] === this.epoch;
  }

  /**
   * After `scan`: does any of `ids` occur in the text scanned? `mine` marks the same ids (mine[id] = 1):
   * a test with a thousand literals (the emoji rules) walks the few literals found instead.
   */
  hasAny(ids: Int32Array, mine?: Uint8Array): boolean {
    const { stamps, epoch, found } = this;
    if (mine && found.length < ids.length) {
      for (let k = 0; k < found.length; k++) if (mine[found[k]!] === 1) return true;
      return false;
    }
    for (let k = 0; k < ids.length; k++) if (stamps[ids[k]!] === epoch) return true;
    return false;
  }
}

/** `includes` probes per field and event before `containsAny` scans instead (each ≪ a scan, see there). */
const PROBE_BUDGET = 8;

/** The per-field literal dictionaries of one compiled rule set. */
export class LiteralIndex {
  private readonly fields = new Map<string, FieldLiterals>();

  field(name: string): FieldLiterals {
    let f = this.fields.get(name);
    if (!f) {
      f = new FieldLiterals();
      this.fields.set(name, f);
    }
    return f;
  }

  stats(): Array<{ field: string; literals: number }> {
    return [...this.fields].map(([field, f]) => ({ field, literals: f.size }));
  }
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
