/**
 * Seeded randomness for the bounded fuzz runs: the same cases on every machine, so a failing
 * iteration number reproduces the failure.
 */

/** mulberry32: a small, fast 32-bit PRNG; returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ByteMutation = {
  /** Bytes that tend to break parsers (delimiters, digits, controls), picked with probability `alphabetShare`. */
  alphabet: Uint8Array;
  alphabetShare: number;
  /** 1..maxOps edits per mutation. */
  maxOps: number;
  /** A deletion removes 1..maxDelete bytes. */
  maxDelete: number;
  /** A repetition duplicates a slice of at most this many bytes. */
  repeatLength: number;
};

/** A copy of `seed` with a few random overwrites, insertions, deletions and repeated slices. */
export function mutateBytes(seed: Uint8Array, rand: () => number, m: ByteMutation): Buffer {
  let out = Buffer.from(seed);
  for (let ops = 1 + Math.floor(rand() * m.maxOps); ops > 0; ops--) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    const byte =
      rand() < m.alphabetShare
        ? m.alphabet[Math.floor(rand() * m.alphabet.length)]!
        : Math.floor(rand() * 256);
    if (r < 0.4 && out.length > 0) out[Math.min(at, out.length - 1)] = byte;
    else if (r < 0.7) out = Buffer.concat([out.subarray(0, at), Buffer.from([byte]), out.subarray(at)]);
    else if (r < 0.9)
      out = Buffer.concat([
        out.subarray(0, at),
        out.subarray(Math.min(out.length, at + 1 + Math.floor(rand() * m.maxDelete))),
      ]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + m.repeatLength), out.subarray(at)]);
  }
  return out;
}
