/**
 * Aho–Corasick over many literals: one pass over a text finds every literal it contains. Used by the rule
 * pre-filter so that a thousand `CommandLine|contains` rules cost one scan of the command line.
 */
export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  /** The root's transitions for ASCII as a dense table: most scan steps start over at the root. */
  private readonly root = new Int32Array(128);

  constructor(patterns: string[]) {
    patterns.forEach((p, id) => {
      let state = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let to = this.next[state]!.get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[state]!.set(c, to);
        }
        state = to;
      }
      this.out[state]!.push(id);
    });
    this.link();
    for (let c = 0; c < 128; c++) this.root[c] = this.next[0]!.get(c) ?? 0;
  }

  private link(): void {
    const queue: number[] = [...this.next[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [c, to] of this.next[state]!) {
        let f = this.fail[state]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.out[to]!.push(...this.out[this.fail[to]!]!);
        queue.push(to);
      }
    }
  }

  /** Calls `found` with the id of each literal occurring in `text` (an id may repeat). */
  scan(text: string, found: (id: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (state === 0 && c < 128) {
        state = this.root[c]!;
        if (state !== 0) {
          const hits = this.out[state]!;
          for (let k = 0; k < hits.length; k++) found(hits[k]!);
        }
        continue;
      }
      let to = this.next[state]!.get(c);
      while (to === undefined && state !== 0) {
        state = this.fail[state]!;
        to = this.next[state]!.get(c);
      }
      state = to ?? 0;
      const hits = this.out[state]!;
      for (let k = 0; k < hits.length; k++) found(hits[k]!);
    }
  }
}
