import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { seededRandom } from '../../../test/seeded';
import { EventView } from './event-view';
import { loadSigmaYaml } from './load';
import { SigmaRuleError } from './reasons';
import { compileRuleSet } from './ruleset';

const PIECES = [
  '|',
  'contains',
  'all',
  're',
  'i',
  'cidr',
  'base64offset',
  'windash',
  'expand',
  'fieldref',
  'gt',
  'hour',
  'exists',
  'bogus',
  '*',
  '?',
  '\\',
  '%',
  '(',
  ')',
  'and',
  'or',
  'not',
  '1 of',
  'all of',
  'them',
  'sel*',
  ' ',
  ':',
  '-',
  '&a',
  '*a',
  '{',
  '}',
  '[',
  ']',
  '\n',
  "'",
  '"',
  '10.0.0.0/8',
  '(a+)+',
  'null',
  '~',
  '---',
];

const SEED_RULE = {
  title: 'fuzz',
  id: 'f',
  logsource: { product: 'test' },
  detection: { sel1: { 'A|contains': ['x', 'y'] }, sel2: { B: null }, condition: '1 of sel* and not sel2' },
};

/** Every input either compiles or is refused with a SigmaRuleError reason: never another exception. */
function mustNotCrash(text: string): void {
  const loaded = loadSigmaYaml(text, 'fuzz.yml');
  const set = compileRuleSet(loaded.documents);
  for (const r of [...loaded.rejected, ...set.rejected]) expect(r.reason).toBeTruthy();
  for (const rule of set.rules) rule.hinted(new EventView({ A: 'xy', B: 1, message: 'x' }), {});
}

describe('rule parser fuzz (seeded, bounded)', () => {
  it('survives 1,000 mutated rules', () => {
    const random = seededRandom(20260805);
    const base = stringify(SEED_RULE);
    for (let i = 0; i < 1000; i++) {
      const chars = base.split('');
      const edits = 1 + Math.floor(random() * 6);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * chars.length);
        const piece = PIECES[Math.floor(random() * PIECES.length)]!;
        const op = random();
        if (op < 0.4) chars.splice(at, 0, piece);
        else if (op < 0.7) chars.splice(at, 1 + Math.floor(random() * 4));
        else chars[at] = piece;
      }
      const text = chars.join('');
      try {
        mustNotCrash(text);
      } catch (error) {
        if (error instanceof SigmaRuleError) continue;
        throw new Error(`fuzz case ${i} crashed: ${(error as Error).stack}\n--- input ---\n${text}`);
      }
    }
  });
  it('survives structured random detections', () => {
    const random = seededRandom(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let i = 0; i < 500; i++) {
      const key = ['F', ...Array.from({ length: Math.floor(random() * 3) }, () => pick(PIECES))].join('|');
      const value = pick<unknown>([
        'a*b',
        null,
        3,
        true,
        ['x', 'y'],
        [],
        {},
        [[1]],
        '(a|b)+',
        '::1/128',
        '%p%',
        'a'.repeat(5000),
      ]);
      const condition = pick(['s', 'not s', '1 of them', 'all of s*', 's and', '(s', 's | count() > 1', 'x']);
      mustNotCrash(
        stringify({
          title: 't',
          logsource: { product: 'test' },
          detection: { s: { [key]: value }, condition },
        }),
      );
    }
  });
  // Crashes found by the fuzzer are kept here as fixed cases.
  it('keeps earlier crashes fixed', () => {
    for (const text of [
      'detection: 5\ntitle: x\nlogsource: {}\n',
      'title: x\nlogsource: {}\ndetection: {condition: [], s: {A: 1}}\n',
      'title: x\nlogsource: {}\ndetection: {condition: s, s: {"|": 1}}\n',
    ]) {
      mustNotCrash(text);
    }
  });
});
