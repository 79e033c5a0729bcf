import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick';

describe('Aho–Corasick', () => {
  it('finds every literal, overlapping ones and non-ASCII included, as a naive search does', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'ers', 'é\u2013x', 's'];
    const ac = new AhoCorasick(patterns);
    for (const text of ['ushers', 'ahishers', 'xxé\u2013xhe', '', 'zzz']) {
      const found = new Set<number>();
      ac.scan(text, (id) => found.add(id));
      const naive = new Set(patterns.map((p, i) => (text.includes(p) ? i : -1)).filter((i) => i >= 0));
      expect(found).toEqual(naive);
    }
  });
});
