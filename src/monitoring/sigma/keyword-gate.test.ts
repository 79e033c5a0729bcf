import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded';
import { loadSigmaYaml } from './load';
import { compileRuleSet } from './ruleset';

/**
 * The Windows buckets scan their keyword keys with their own dictionary (ruleset.ts `windowsKeywords`),
 * not the shared one of every keyword literal: a Windows keyword rule must still match wherever its
 * keyword is (any field, nested values, any case, beside non-ASCII text), and the Linux keyword rules,
 * whose literals fill the shared dictionary, must keep matching hinted events.
 */
const WINDOWS_KEYWORDS = ['sekurlsa::', 'kerberos::golden', 'mimidrv.sys', 'privilege::debug'];
const LINUX_KEYWORDS = Array.from({ length: 60 }, (_, i) => `linuxword${i}x`);

const yaml = [
  `title: any channel keywords
id: win-kw
author: tester
logsource: {product: windows}
detection:
  keywords: [${WINDOWS_KEYWORDS.map((k) => `'${k}'`).join(', ')}]
  condition: keywords`,
  `title: sysmon keywords
id: sysmon-kw
author: tester
logsource: {product: windows, service: sysmon}
detection:
  keywords: ['config state changed']
  condition: keywords`,
  ...LINUX_KEYWORDS.map(
    (k, i) => `title: linux ${i}
id: linux-kw-${i}
author: tester
logsource: {product: linux}
detection:
  keywords: ['${k}']
  condition: keywords`,
  ),
].join('\n---\n');

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

function sets() {
  const { documents, rejected } = loadSigmaYaml(yaml, 'kw.yml');
  expect(rejected).toEqual([]);
  return { indexed: compileRuleSet(documents), plain: compileRuleSet(documents, { noIndex: true }) };
}

const ids = (rules: Array<{ id: string }>) =>
  rules
    .map((r) => r.id)
    .sort()
    .join(',');

describe('keyword keys of Windows buckets', () => {
  it('finds a keyword in any field, nested, in any case, beside non-ASCII text', () => {
    const { indexed } = sets();
    const base = { Channel: 'Security', EventID: 4688, Computer: 'host' };
    expect(ids(indexed.match({ ...base, CommandLine: 'x SEKURLSA::logonpasswords' }))).toBe('win-kw');
    expect(ids(indexed.match({ ...base, Data: { inner: ['a', 'load MimiDrv.sys'] } }))).toBe('win-kw');
    expect(ids(indexed.match({ ...base, Note: '🤷 Kerberos::Golden \u202e' }))).toBe('win-kw');
    expect(ids(indexed.match({ ...base, CommandLine: 'sekurlsa:' }))).toBe('');
    // A Linux keyword in a Windows record: no Windows rule has it (and Linux rules do not run there).
    expect(ids(indexed.match({ ...base, CommandLine: 'linuxword7' }))).toBe('');
    const sysmon = { Channel: SYSMON, EventID: 16, Message: 'Sysmon Config state changed' };
    expect(ids(indexed.match(sysmon))).toBe('sysmon-kw');
    expect(ids(indexed.match({ ...sysmon, Extra: 'privilege::debug' }))).toBe('sysmon-kw,win-kw');
  });

  it('keeps the Linux keyword rules on hinted events', () => {
    const { indexed } = sets();
    expect(ids(indexed.match({ message: 'a LINUXWORD42X b' }, undefined, { product: 'linux' }))).toBe(
      'linux-kw-42',
    );
    expect(ids(indexed.match({ message: 'sekurlsa::' }, undefined, { product: 'linux' }))).toBe('');
  });

  it('matches like the plain evaluation on generated events', () => {
    const { indexed, plain } = sets();
    const random = seededRandom(20261202);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const words = [...WINDOWS_KEYWORDS, ...LINUX_KEYWORDS, 'config state changed', 'sekurlsa', 'kerberos::'];
    const noise = ['', 'C:\\Windows\\', ' -enc ', 'é', '\u0000', 'İ', 'K'];
    const text = () => {
      let t = pick(noise);
      const w = pick(words);
      t += random() < 0.5 ? w : w.toUpperCase();
      if (random() < 0.3) t = t.slice(0, Math.floor(random() * t.length));
      return t + pick(noise);
    };
    let matched = 0;
    for (let i = 0; i < 3000; i++) {
      const event: Record<string, unknown> = {
        Channel: pick(['Security', SYSMON, 'System', 'Application']),
        EventID: pick([1, 16, 4688, 7045]),
      };
      const fields = 1 + Math.floor(random() * 4);
      for (let f = 0; f < fields; f++) {
        event[`F${f}`] = random() < 0.2 ? { nested: [text(), 5] } : random() < 0.1 ? 42 : text();
      }
      const a = ids(indexed.match(event));
      if (a) matched++;
      expect(a, JSON.stringify(event)).toBe(ids(plain.match(event)));
    }
    expect(matched).toBeGreaterThan(200);
  });
});
