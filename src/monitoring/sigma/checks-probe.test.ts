import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded';
import { loadSigmaYaml } from './load';
import { compileRuleSet } from './ruleset';

/**
 * A multi-clause check on a field no bucket scanned for the event answers with `includes` instead of the
 * field's automaton (checks.ts), and so do `contains` tests within the event's probe budget
 * (literal-index.ts `containsAny`; probe-4 exceeds it). Here the rules are indexed by their image only, so every CommandLine and
 * keyword check meets an unscanned dictionary; the indexed answers must equal the plain evaluation's.
 */
const yaml = `title: image and command line
id: probe-1
author: tester
logsource: {product: windows, category: process_creation}
detection:
  img: {Image|endswith: '\\\\powershell.exe'}
  cli: {CommandLine|contains: [' -enc ', 'frombase64string', 'ünï']}
  condition: img and cli
---
title: image and keyword
id: probe-2
author: tester
logsource: {product: windows, category: process_creation}
detection:
  img: {Image|endswith: '\\\\rundll32.exe'}
  kw: ['comsvcs.dll']
  condition: img and kw
---
title: image, command line and parent
id: probe-3
author: tester
logsource: {product: windows, category: process_creation}
detection:
  img: {Image|endswith: ['\\\\cmd.exe', '\\\\powershell.exe']}
  cli: {CommandLine|contains|all: ['/c', 'whoami']}
  parent: {ParentCommandLine|contains: 'explorer'}
  condition: img and cli and parent
---
title: many command line literals (beyond the probe budget)
id: probe-4
author: tester
logsource: {product: windows, category: process_creation}
detection:
  img: {Image|endswith: '\\cmd.exe'}
  a: {CommandLine|contains: ['/c', 'whoami']}
  b: {CommandLine|contains: ['aa1', 'aa2', 'aa3', 'aa4', 'aa5', 'aa6', 'aa7', 'aa8', 'aa9', 'ünï']}
  c: {CommandLine|contains: ['-enc', 'comsvcs']}
  condition: img and a and (b or c)
`;

const ids = (rules: Array<{ id: string }>) =>
  rules
    .map((r) => r.id)
    .sort()
    .join(',');

describe('multi-clause checks on unscanned fields', () => {
  it('match like the plain evaluation on generated process events', () => {
    const { documents, rejected } = loadSigmaYaml(yaml, 'probe.yml');
    expect(rejected).toEqual([]);
    const indexed = compileRuleSet(documents);
    const plain = compileRuleSet(documents, { noIndex: true });
    const random = seededRandom(777);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const images = ['C:\\Windows\\System32\\cmd.exe', 'C:\\x\\PowerShell.EXE', 'C:\\Windows\\rundll32.exe'];
    const pieces = [
      ' -ENC ',
      'FromBase64String',
      'ÜNÏ',
      'ünï',
      '/c',
      'WHOAMI',
      'comsvcs.dll',
      '-en',
      'x',
      'AA7',
    ];
    const text = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(pieces)).join(' ');
    let matched = 0;
    for (let i = 0; i < 3000; i++) {
      const event: Record<string, unknown> = {
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventID: 1,
        Image: pick(images),
        CommandLine: random() < 0.1 ? [text(), text()] : text(),
        ParentCommandLine: random() < 0.5 ? 'C:\\Windows\\Explorer.EXE' : 'services.exe',
      };
      if (random() < 0.3) event.Extra = text();
      const a = ids(indexed.match(event));
      if (a) matched++;
      expect(a, JSON.stringify(event)).toBe(ids(plain.match(event)));
    }
    expect(matched).toBeGreaterThan(300);
  });
});
