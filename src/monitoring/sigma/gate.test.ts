import { describe, expect, it } from 'vitest';
import { parseCondition } from './condition';
import { gateOf } from './gate';
import { ruleSetOf } from './test-helpers';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** A process_creation rule whose first search reads `ParentImage` only in its closure (no key, no check). */
const rule = `title: encoded powershell
id: gate-1
author: tester
logsource: {product: windows, category: process_creation}
detection:
  probe: {ParentImage|exists: true}
  img: {Image|endswith: '\\powershell.exe'}
  cli: {CommandLine|contains: ' -enc '}
  condition: probe and img and cli
`;

/** An event that counts how often the rule's closures read its ParentImage. */
function probed(fields: Record<string, unknown>): { event: Record<string, unknown>; reads: () => number } {
  let reads = 0;
  const event = { Channel: SYSMON, EventID: 1, ...fields };
  Object.defineProperty(event, 'ParentImage', {
    enumerable: true,
    get: () => {
      reads++;
      return 'C:\\Windows\\explorer.exe';
    },
  });
  return { event, reads: () => reads };
}

describe('multi-clause gate', () => {
  it('does not run a candidate whose second AND clause has its literal absent', () => {
    const set = ruleSetOf(rule);
    const { event, reads } = probed({ Image: 'C:\\x\\PowerShell.exe', CommandLine: 'powershell -nop' });
    expect(set.match(event)).toHaveLength(0);
    expect(reads()).toBe(0); // the image key made it a candidate; the CommandLine check stopped it
  });

  it('runs and matches it when the literal is present', () => {
    const set = ruleSetOf(rule);
    const { event, reads } = probed({
      Image: 'C:\\x\\powershell.exe',
      CommandLine: 'POWERSHELL -ENC aQBlAHgA',
    });
    expect(set.match(event).map((r) => r.id)).toEqual(['gate-1']);
    expect(reads()).toBeGreaterThan(0);
  });

  it('lets a list-valued field through to the closures (the check cannot tell)', () => {
    const set = ruleSetOf(rule);
    const { event } = probed({ Image: 'C:\\x\\powershell.exe', CommandLine: ['a', 'x -enc y'] });
    expect(set.match(event)).toHaveLength(1);
  });

  it('checks `|all` values one by one and keyword clauses on the whole event', () => {
    const set = ruleSetOf(`title: all
id: gate-2
author: tester
logsource: {product: windows, category: process_creation}
detection:
  img: {Image|endswith: '\\cmd.exe'}
  cli: {CommandLine|contains|all: ['/c', 'whoami']}
  kw: ['secret-token']
  condition: img and cli and kw
`);
    const base = { Channel: SYSMON, EventID: 1, Image: 'c:\\cmd.exe', User: 'has secret-token' };
    expect(set.match({ ...base, CommandLine: 'cmd /c whoami' })).toHaveLength(1);
    expect(set.match({ ...base, CommandLine: 'cmd /c dir' })).toHaveLength(0);
    expect(set.match({ ...base, CommandLine: 'cmd /c whoami', User: 'x' })).toHaveLength(0);
  });

  it('derives the index clause and the checks from the condition', () => {
    const searches = new Map<string, { body: unknown }>([
      ['img', { body: { 'Image|endswith': ['\\a.exe', '\\b.exe'] } }],
      ['cli', { body: { 'CommandLine|contains|all': ['-x', 'yyy'] } }],
      ['flt', { body: { User: 'system' } }],
      ['alt', { body: [{ Image: 'c:\\z.exe' }, { OriginalFileName: 'z.exe' }] }],
    ]);
    const gate = gateOf([parseCondition('img and cli and not flt')], searches, (f) => f);
    expect(gate.primary).toEqual([
      { field: 'Image', kind: 'base', value: 'a.exe' },
      { field: 'Image', kind: 'base', value: 'b.exe' },
    ]);
    // '-x' is too short for a key; 'yyy' is a clause of its own; the negated search gives nothing.
    expect(gate.checks).toEqual([[{ field: 'CommandLine', kind: 'sub', value: 'yyy' }]]);
    const or = gateOf([parseCondition('alt or img')], searches, (f) => f);
    expect(or.checks).toEqual([]);
    expect(or.primary).toHaveLength(4); // z.exe twice (two maps), a.exe, b.exe
    const two = gateOf([parseCondition('img'), parseCondition('cli')], searches, (f) => f);
    expect(two.primary).toHaveLength(3); // a list of conditions is an OR
    expect(two.checks).toEqual([]);
  });
});
