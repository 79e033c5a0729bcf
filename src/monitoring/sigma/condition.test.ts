import { describe, expect, it } from 'vitest';
import { parseCondition } from './condition';
import { SigmaRuleError } from './reasons';
import { matches, rejectionOf } from './test-helpers';

const rule = (condition: string) =>
  `title: c\nlogsource: {product: test}\ndetection:\n  sel_a: {A: 1}\n  sel_b: {B: 1}\n  filter_x: {X: 1}\n  _hidden: {H: 1}\n  condition: ${condition}\n`;
const on = (condition: string, event: Record<string, unknown>) => matches(rule(condition), event);

describe('Sigma conditions', () => {
  it('and / or / not with precedence or < and < not', () => {
    expect(on('sel_a and sel_b', { A: 1, B: 1 })).toBe(true);
    expect(on('sel_a and sel_b', { A: 1 })).toBe(false);
    expect(on('sel_a or sel_b', { B: 1 })).toBe(true);
    expect(on('sel_a and not filter_x', { A: 1, X: 1 })).toBe(false);
    // a or b and x  ==  a or (b and x)
    expect(on('sel_a or sel_b and filter_x', { A: 1 })).toBe(true);
    expect(on('(sel_a or sel_b) and filter_x', { A: 1 })).toBe(false);
    expect(on('not not sel_a', { A: 1 })).toBe(true);
    expect(on('NOT sel_a AND sel_b', { B: 1 })).toBe(true);
  });
  it('1 of / all of with patterns and them (ids starting with _ excluded)', () => {
    expect(on('1 of sel_*', { B: 1 })).toBe(true);
    expect(on('all of sel_*', { B: 1 })).toBe(false);
    expect(on('all of sel_*', { A: 1, B: 1 })).toBe(true);
    expect(on('1 of them', { H: 1 })).toBe(false);
    expect(on('1 of them', { X: 1 })).toBe(true);
    expect(on('all of them', { A: 1, B: 1, X: 1 })).toBe(true);
    expect(on('all of sel_* and not 1 of filter_*', { A: 1, B: 1, X: 1 })).toBe(false);
    expect(on('_hidden', { H: 1 })).toBe(true);
  });
  it('a list of conditions is OR', () => {
    const r =
      'title: c\nlogsource: {product: test}\ndetection:\n  a: {A: 1}\n  b: {B: 1}\n  condition:\n    - a\n    - b\n';
    expect(matches(r, { B: 1 })).toBe(true);
    expect(matches(r, { C: 1 })).toBe(false);
  });
  it('a list of maps is OR, a map is AND', () => {
    const r =
      'title: c\nlogsource: {product: test}\ndetection:\n  s:\n    - {A: 1, B: 2}\n    - {C: 3}\n  condition: s\n';
    expect(matches(r, { A: 1 })).toBe(false);
    expect(matches(r, { A: 1, B: 2 })).toBe(true);
    expect(matches(r, { C: 3 })).toBe(true);
  });
  it('refuses malformed conditions with the reason', () => {
    expect(rejectionOf(rule('sel_a and'))).toBe('condition-syntax');
    expect(rejectionOf(rule('(sel_a'))).toBe('condition-syntax');
    expect(rejectionOf(rule('sel_a sel_b'))).toBe('condition-syntax');
    expect(rejectionOf(rule('sel_a )'))).toBe('condition-syntax');
    expect(rejectionOf(rule('nope'))).toBe('unknown-identifier');
    expect(rejectionOf(rule('1 of nothing_*'))).toBe('unknown-identifier');
    expect(rejectionOf(rule('sel_a | count() by B > 5'))).toBe('legacy-aggregation');
    expect(rejectionOf(rule('1 of'))).toBe('condition-syntax');
  });
  it('bounds the nesting depth', () => {
    expect(() => parseCondition(`${'not '.repeat(100)}a`)).toThrow(SigmaRuleError);
    expect(() => parseCondition(`${'('.repeat(100)}a${')'.repeat(100)}`)).toThrow(SigmaRuleError);
  });
});
