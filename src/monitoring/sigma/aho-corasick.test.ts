import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick';
import { LiteralIndex } from './literal-index';

function naive(patterns: string[], text: string): Set<number> {
  return new Set(patterns.map((p, i) => (p && text.includes(p) ? i : -1)).filter((i) => i >= 0));
}

/** Deterministic pseudo-random texts (no wall clock, no Math.random: a failure reproduces). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('Aho–Corasick', () => {
  it('finds every literal, overlapping ones and non-ASCII included, as a naive search does', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'ers', 'é\u2013x', 's'];
    const ac = new AhoCorasick(patterns);
    for (const text of ['ushers', 'ahishers', 'xxé\u2013xhe', '', 'zzz']) {
      const found = new Set<number>();
      ac.scan(text, (id) => found.add(id));
      expect(found).toEqual(naive(patterns, text));
    }
  });

  it('agrees with a naive search past the dense rows (thousands of literals, deep sparse states)', () => {
    const rand = lcg(7);
    const alphabet = 'abcdefgh\\.-/é';
    const word = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const patterns = Array.from({ length: 4000 }, () => word(3 + Math.floor(rand() * 9)));
    patterns.push('', 'a', 'aaaa'); // the empty literal is never reported; duplicates get their own ids
    const ac = new AhoCorasick(patterns);
    for (let t = 0; t < 300; t++) {
      const text = word(Math.floor(rand() * 200)) + (t % 3 === 0 ? patterns[t]! : '') + word(5);
      const viaCallback = new Set<number>();
      ac.scan(text, (id) => viaCallback.add(id));
      const stamps = new Float64Array(patterns.length).fill(-1);
      const found: number[] = [];
      ac.scanInto(text, stamps, t, found);
      const want = naive(patterns, text);
      expect(viaCallback).toEqual(want);
      expect(new Set(found)).toEqual(want);
      expect(found.length).toBe(want.size); // each id once per scan
    }
  });

  it('a field dictionary answers per event, also when events interleave or literals are added late', () => {
    const dict = new LiteralIndex().field('CommandLine');
    const a = dict.add('whoami');
    const b = dict.add('net user');
    dict.scan(1, 'cmd /c whoami');
    expect([dict.has(a), dict.has(b)]).toEqual([true, false]);
    dict.scan(2, 'net user x /add');
    expect([dict.has(a), dict.has(b)]).toEqual([false, true]);
    dict.scan(1, 'cmd /c whoami'); // the first event again: scanned again, same answer
    expect([dict.has(a), dict.has(b), dict.found.length]).toEqual([true, false, 1]);
    const c = dict.add('/c'); // added after scans: the automaton is rebuilt
    dict.scan(1, 'cmd /c whoami');
    expect(dict.hasAny(Int32Array.of(b, c))).toBe(true);
  });
});
