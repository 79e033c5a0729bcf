/**
 * Aho–Corasick over many literals: one pass over a text finds every literal it contains. Used by the rule
 * pre-filter and by the `contains` tests (literal-index.ts), so that a thousand `CommandLine|contains`
 * rules cost one scan of the command line.
 *
 * Layout, chosen for the scan loop (the hot path of the engine): characters are mapped to a small class
 * alphabet (only the characters some literal uses are distinct; everything else is class 0); states are
 * numbered breadth-first, and the first states (the shallow ones, where a scan spends almost all its
 * steps) get a complete DFA row, so a step is one typed-array read. Deeper states keep their goto edges in
 * flat arrays and fall back along failure links, which always lead to shallower states.
 */
const DENSE_BUDGET = 1 << 21; // table entries (Int32: 8 MiB) at most per automaton
const DENSE_ROWS_MAX = 32_768;

export class AhoCorasick {
  readonly patterns: number;
  private readonly ascii = new Uint16Array(128);
  private readonly wide = new Map<number, number>();
  private readonly classes: number;
  private readonly denseRows: number;
  /** Uint16 when every state number fits: half the bytes, so more of a big table (CommandLine's) stays in cache. */
  private readonly dense: Int32Array | Uint16Array;
  /** Goto edges of state s: `edgeClass/edgeTo[edgeStart[s] … edgeStart[s + 1])`. */
  private readonly edgeStart: Int32Array;
  private readonly edgeClass: Int32Array;
  private readonly edgeTo: Int32Array;
  private readonly fail: Int32Array;
  /** The literal ids ending at a state (its own), and the next state on its failure chain that has some. */
  private readonly own: Array<number[] | undefined>;
  private readonly dict: Int32Array;
  private readonly hasOut: Uint8Array;

  constructor(patterns: string[]) {
    this.patterns = patterns.length;
    this.classes = this.assignClasses(patterns) + 1;
    const trie = buildTrie(patterns, (c) => this.classOf(c));
    const order = breadthFirst(trie.next);
    const n = order.length;
    const renumber = new Int32Array(n);
    order.forEach((old, i) => {
      renumber[old] = i;
    });
    let edges = 0;
    for (const m of trie.next) edges += m.size;
    this.edgeStart = new Int32Array(n + 1);
    this.edgeClass = new Int32Array(edges);
    this.edgeTo = new Int32Array(edges);
    let e = 0;
    order.forEach((old, s) => {
      this.edgeStart[s] = e;
      for (const [c, to] of trie.next[old]!) {
        this.edgeClass[e] = c;
        this.edgeTo[e++] = renumber[to]!;
      }
    });
    this.edgeStart[n] = e;
    this.own = order.map((old) => trie.out[old]);
    this.fail = new Int32Array(n);
    this.dict = new Int32Array(n);
    this.hasOut = new Uint8Array(n);
    this.linkFailures(n);
    this.denseRows = Math.min(n, DENSE_ROWS_MAX, Math.max(1, Math.floor(DENSE_BUDGET / this.classes)));
    this.dense =
      n <= 0x10000
        ? new Uint16Array(this.denseRows * this.classes)
        : new Int32Array(this.denseRows * this.classes);
    this.fillDense();
  }

  private assignClasses(patterns: string[]): number {
    let count = 0;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (this.classOf(c) === 0) {
          count++;
          if (c < 128) this.ascii[c] = count;
          else this.wide.set(c, count);
        }
      }
    }
    return count;
  }

  private classOf(code: number): number {
    return code < 128 ? this.ascii[code]! : (this.wide.get(code) ?? 0);
  }

  /** The goto edge of state s on class c, or -1. */
  private edge(s: number, c: number): number {
    const end = this.edgeStart[s + 1]!;
    for (let e = this.edgeStart[s]!; e < end; e++) if (this.edgeClass[e] === c) return this.edgeTo[e]!;
    return -1;
  }

  /** Standard failure links, in breadth-first order (a state's failure target is always shallower). */
  private linkFailures(n: number): void {
    for (let s = 0; s < n; s++) {
      const end = this.edgeStart[s + 1]!;
      for (let e = this.edgeStart[s]!; e < end; e++) {
        const c = this.edgeClass[e]!;
        const to = this.edgeTo[e]!;
        let target = 0;
        for (let f = s === 0 ? -1 : this.fail[s]!; f >= 0; f = f === 0 ? -1 : this.fail[f]!) {
          const t = this.edge(f, c);
          if (t >= 0) {
            target = t;
            break;
          }
        }
        this.fail[to] = target;
        this.dict[to] = this.own[target] ? target : this.dict[target]!;
        this.hasOut[to] = this.own[to] || this.dict[to] ? 1 : 0;
      }
    }
  }

  private fillDense(): void {
    const C = this.classes;
    for (let s = 0; s < this.denseRows; s++) {
      const row = s * C;
      const failRow = this.fail[s]! * C;
      if (s !== 0) for (let c = 0; c < C; c++) this.dense[row + c] = this.dense[failRow + c]!;
      const end = this.edgeStart[s + 1]!;
      for (let e = this.edgeStart[s]!; e < end; e++) this.dense[row + this.edgeClass[e]!] = this.edgeTo[e]!;
    }
  }

  /** One step from a state beyond the dense rows. */
  private step(state: number, c: number): number {
    let s = state;
    while (s >= this.denseRows) {
      const to = this.edge(s, c);
      if (to >= 0) return to;
      s = this.fail[s]!;
    }
    return this.dense[s * this.classes + c]!;
  }

  /** Calls `found` with the id of each literal occurring in `text` (an id may repeat). */
  scan(text: string, found: (id: number) => void): void {
    const { ascii, dense, hasOut, classes, denseRows } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const c = code < 128 ? ascii[code]! : (this.wide.get(code) ?? 0);
      s = s < denseRows ? dense[s * classes + c]! : this.step(s, c);
      if (hasOut[s] === 1) this.report(s, found);
    }
  }

  /**
   * The same scan without a callback: each literal found gets `stamps[id] = mark` and, the first time for
   * this mark, is appended to `found`. The caller owns the arrays. Returns whether the text has a non-ASCII
   * character (literal-index.ts keeps non-ASCII literals in a second automaton scanned only then).
   */
  scanInto(text: string, stamps: Float64Array, mark: number, found: number[]): boolean {
    const { ascii, dense, hasOut, classes, denseRows, own, dict, wide } = this;
    let s = 0;
    let nonAscii = false;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let c: number;
      if (code < 128) c = ascii[code]!;
      else {
        nonAscii = true;
        c = wide.size === 0 ? 0 : (wide.get(code) ?? 0);
      }
      s = s < denseRows ? dense[s * classes + c]! : this.step(s, c);
      if (hasOut[s] !== 1) continue;
      for (let t = own[s] ? s : dict[s]!; t !== 0; t = dict[t]!) {
        const ids = own[t]!;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          if (stamps[id] !== mark) {
            stamps[id] = mark;
            found.push(id);
          }
        }
      }
    }
    return nonAscii;
  }

  private report(s: number, found: (id: number) => void): void {
    for (let t = this.own[s] ? s : this.dict[s]!; t !== 0; t = this.dict[t]!) {
      for (const id of this.own[t]!) found(id);
    }
  }
}

function buildTrie(
  patterns: string[],
  classOf: (code: number) => number,
): { next: Array<Map<number, number>>; out: Array<number[] | undefined> } {
  const next: Array<Map<number, number>> = [new Map()];
  const out: Array<number[] | undefined> = [undefined];
  patterns.forEach((p, id) => {
    if (p.length === 0) return; // the empty literal is in every text; callers never index it
    let state = 0;
    for (let i = 0; i < p.length; i++) {
      const c = classOf(p.charCodeAt(i));
      let to = next[state]!.get(c);
      if (to === undefined) {
        to = next.length;
        next.push(new Map());
        out.push(undefined);
        next[state]!.set(c, to);
      }
      state = to;
    }
    const ids = out[state];
    if (ids) ids.push(id);
    else out[state] = [id];
  });
  return { next, out };
}

function breadthFirst(next: Array<Map<number, number>>): number[] {
  const order = [0];
  for (let head = 0; head < order.length; head++)
    for (const to of next[order[head]!]!.values()) order.push(to);
  return order;
}
