import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded';
import { NO_UNIT } from './context';
import { EventView } from './event-view';
import { compileSigmaRegex } from './regex';
import { requiredLiteral } from './regex-literal';
import { regexTest } from './value-tests';

/**
 * `re` tests skip the regex when the field's lower-case text lacks the literal every match requires
 * (value-tests.ts). The plain evaluation shares that test, so the indexed-vs-plain differential cannot see
 * a wrong skip: here the test is compared with the bare RegExp on generated texts built to match often.
 */
const PATTERNS: Array<[string, Array<'i' | 'm' | 's'>, string]> = [
  ['\\$PSHome\\[\\s*\\d{1,3}', [], '$PSHome[ 12'],
  ['(?i)invoke-(?:expression|webrequest)', [], 'Invoke-WebRequest'],
  ['reg(?:\\.exe)? save hklm\\\\sam', ['i'], 'reg save HKLM\\sam'],
  ['abcd?ef', [], 'abcdef'],
  ['^cmd\\.exe /c', ['m'], 'cmd.exe /c dir'],
  ['Kerberos::(golden|ptt)', [], 'Kerberos::ptt'],
  ['xyzw+q.', ['s'], 'xyzwwq\n'],
  ['net(?:1)? user', ['i'], 'net1 user'],
];

function variants(pattern: string, sample: string, random: () => number): string[] {
  const literal = requiredLiteral(pattern) ?? 'abc';
  const seeds = [
    sample,
    sample,
    sample,
    literal,
    'invoke-Expression',
    'reg.exe save HKLM\\sam',
    'abcef',
    'cmd.exe /c x',
    'kerberos::golden',
  ];
  const noise = ['', ' ', '\n', 'İ', 'K', 'é', 'x', 'ſ', 'Z'];
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: 120 }, () => {
    let t = pick(seeds);
    if (random() < 0.4) t = t.toUpperCase();
    if (random() < 0.3) {
      const at = Math.floor(random() * t.length);
      t = t.slice(0, at) + pick(noise) + t.slice(at + 1);
    }
    const lead = random() < 0.5 ? '' : pick(noise);
    return lead + t + pick(noise) + (random() < 0.2 ? ` ${pick(seeds)}` : '');
  });
}

describe('regex tests with a required-literal pre-check', () => {
  it('match exactly where the bare regex matches', () => {
    const random = seededRandom(4242);
    let matched = 0;
    for (const [pattern, flags, sample] of PATTERNS) {
      const bare = compileSigmaRegex(pattern, {
        i: flags.includes('i'),
        m: flags.includes('m'),
        s: flags.includes('s'),
      });
      const test = regexTest('F', pattern, ['re', ...flags], `F|re`);
      for (const text of variants(pattern, sample, random)) {
        const want = bare.test(text);
        if (want) matched++;
        expect(test(new EventView({ F: text }), NO_UNIT), `${pattern} on ${JSON.stringify(text)}`).toBe(want);
        expect(test(new EventView({ F: [text, 'zz'] }), NO_UNIT)).toBe(want);
      }
    }
    expect(matched).toBeGreaterThan(150); // the comparison is not vacuous
  });

  it('never runs the regex on a scalar without the literal, and still reads numbers and lists', () => {
    const test = regexTest('F', '(?i)invoke-(?:expression|webrequest)', ['re'], 'F|re');
    expect(test(new EventView({ F: 'INVOKE-WEBREQUEST http://x' }), NO_UNIT)).toBe(true);
    expect(test(new EventView({ F: 'invoke-command' }), NO_UNIT)).toBe(false);
    const digits = regexTest('F', '^46\\d\\d$', ['re'], 'F|re');
    expect(digits(new EventView({ F: 4688 }), NO_UNIT)).toBe(true);
    expect(test(new EventView({ F: ['a', 'Invoke-Expression'] }), NO_UNIT)).toBe(true);
    expect(test(new EventView({}), NO_UNIT)).toBe(false);
  });
});
