import { describe, expect, it } from 'vitest';
import { loadSigmaYaml } from './load';
import { rejectionOf, ruleSetOf } from './test-helpers';

const reasons = (text: string) => loadSigmaYaml(text, 't.yml').rejected.map((r) => r.reason);

describe('Sigma YAML loading', () => {
  it('refuses an alias bomb without expanding it', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'title: t',
    ].join('\n');
    expect(reasons(bomb)).toEqual(['yaml-aliases']);
  });
  it('caps the size', () => {
    expect(reasons(`title: ${'x'.repeat(2 << 20)}`)).toEqual(['too-large']);
  });
  it('reports YAML syntax errors and schema errors with the key', () => {
    expect(reasons('title: [unclosed')).toEqual(['yaml-syntax']);
    expect(reasons('- just\n- a list')).toEqual(['schema']);
    const noDetection = loadSigmaYaml('title: x\nlogsource: {product: a}\n', 't.yml').rejected[0]!;
    expect(noDetection.reason).toBe('schema');
    expect(noDetection.detail).toContain('detection');
    expect(reasons('title: x\nlogsource: {product: a}\ndetection: {s: {A: 1}}\n')).toEqual(['schema']);
    expect(
      reasons('title: x\nlevel: extreme\nlogsource: {}\ndetection: {s: {A: 1}, condition: s}\n'),
    ).toEqual(['schema']);
    expect(reasons('title: a\ntitle: b\n')).toEqual(['yaml-syntax']);
  });
  it('reads several documents, keeping good ones when one is bad', () => {
    const text = `title: one\nid: a\nlogsource: {product: test}\ndetection: {s: {A: 1}, condition: s}\n---\ntitle: bad\nlogsource: {product: test}\ndetection: {s: {A|nope: 1}, condition: s}\n---\n`;
    const loaded = loadSigmaYaml(text, 't.yml');
    expect(loaded.documents).toHaveLength(2);
    expect(rejectionOf(text)).toBe('unknown-modifier');
  });
  it('refuses duplicate rule ids', () => {
    const one = 'title: one\nid: a\nlogsource: {product: test}\ndetection: {s: {A: 1}, condition: s}\n';
    expect(rejectionOf(`${one}---\n${one}`)).toBe('duplicate-id');
  });
  it('refuses v1 aggregations (timeframe) with a clear reason', () => {
    const legacy =
      'title: l\nlogsource: {product: test}\ndetection:\n  s: {A: 1}\n  timeframe: 5m\n  condition: s | count() by B > 3\n';
    expect(rejectionOf(legacy)).toBe('legacy-aggregation');
  });
  it('keeps the author and licence for DRL attribution', () => {
    const set = ruleSetOf(
      'title: one\nid: a\nauthor: Jane\nlogsource: {product: test}\ndetection: {s: {A: 1}, condition: s}\n',
    );
    expect(set.rules[0]!.author).toBe('Jane');
    expect(set.rules[0]!.license).toBe('DRL-1.1');
  });
});
