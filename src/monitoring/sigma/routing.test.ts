import { describe, expect, it } from 'vitest';
import { compileUnitFilters } from './filters';
import { loadSigmaYaml } from './load';
import type { FilterDoc } from './model';
import { compileRuleSet } from './ruleset';
import { ruleSetOf } from './test-helpers';

const procRule = `title: reg
id: reg-1
author: a
logsource: {product: windows, category: process_creation}
detection:
  s: {Image|endswith: '\\reg.exe'}
  condition: s
`;

describe('logsource routing', () => {
  it('process_creation runs on Sysmon 1 and on Security 4688 with the field renamed', () => {
    const set = ruleSetOf(procRule);
    const sysmon = {
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      EventID: 1,
      Image: 'C:\\Windows\\reg.exe',
    };
    const security = { Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\Windows\\reg.exe' };
    expect(set.match(sysmon)).toHaveLength(1);
    expect(set.match(security)).toHaveLength(1);
    expect(set.match({ ...sysmon, EventID: 3 })).toHaveLength(0);
    expect(set.match({ ...sysmon, Channel: 'System' })).toHaveLength(0);
  });
  it('registry_add requires Sysmon 12 with EventType CreateKey', () => {
    const set = ruleSetOf(
      procRule.replace('process_creation', 'registry_add').replace('Image|endswith', 'TargetObject|contains'),
    );
    const ev = {
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      EventID: 12,
      TargetObject: 'HKLM\\reg.exe',
    };
    expect(set.match({ ...ev, EventType: 'CreateKey' })).toHaveLength(1);
    expect(set.match({ ...ev, EventType: 'DeleteKey' })).toHaveLength(0);
  });
  it('hint-routed logsources run only on compatible hints (or on every non-Windows rule without one)', () => {
    const set = ruleSetOf(
      "title: w\nlogsource: {category: webserver}\ndetection:\n  s: {cs-uri-query|contains: '../'}\n  condition: s\n",
    );
    const ev = { 'cs-uri-query': '/a/../../etc/passwd' };
    expect(set.match(ev, undefined, { category: 'webserver', product: 'nginx' })).toHaveLength(1);
    expect(set.match(ev, undefined, { product: 'linux', service: 'sshd' })).toHaveLength(0);
    expect(set.match(ev)).toHaveLength(1);
    expect(ruleSetOf(procRule).match({ Image: 'C:\\reg.exe' })).toHaveLength(0);
  });
  it('naive (unindexed) evaluation gives the same answers', () => {
    const docs = loadSigmaYaml(procRule, 't').documents;
    const naive = compileRuleSet(docs, { noIndex: true });
    expect(naive.match({ Channel: 'Security', EventID: 4688, NewProcessName: 'x\\reg.exe' })).toHaveLength(1);
    expect(naive.match({ Channel: 'Security', EventID: 4689, NewProcessName: 'x\\reg.exe' })).toHaveLength(0);
  });
});

const filterDoc = `title: backup job is fine
logsource: {product: windows, category: process_creation}
filter:
  rules: [reg-1]
  selection: {CommandLine|contains: 'backup'}
  condition: selection
`;

describe('filters', () => {
  const ev = {
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    EventID: 1,
    Image: 'C:\\reg.exe',
    CommandLine: 'reg save backup',
  };
  it('a global filter document is appended as "and not" to the rules it names', () => {
    const set = ruleSetOf(`${procRule}---\n${filterDoc}`);
    expect(set.filters).toHaveLength(1);
    expect(set.match(ev)).toHaveLength(0);
    expect(set.match({ ...ev, CommandLine: 'reg save hklm\\sam' })).toHaveLength(1);
  });
  it('per-unit filters tune one unit only', () => {
    const set = ruleSetOf(procRule);
    const doc = loadSigmaYaml(filterDoc, 'mf.yml').documents[0]!.doc as FilterDoc;
    const commune = { unitId: 'u1', filters: compileUnitFilters([{ doc, source: 'mf.yml' }]) };
    expect(set.match(ev, commune)).toHaveLength(0);
    expect(set.match(ev, { unitId: 'u2' })).toHaveLength(1);
  });
  it('a filter naming an unknown rule is reported', () => {
    expect(() => ruleSetOf(filterDoc)).toThrow(/unknown-rule-reference/);
  });
});
