/**
 * The memoised matcher against the plain one (matchHost + hostVerdicts) on the real 2024 MSRC months, over
 * a mixed estate: the same verdict set, shape and fingerprint for every host, and states really reused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/project-root';
import { ComponentMatcher } from './component-verdicts';
import { parseMsrcCvrf } from './feeds/msrc-cvrf';
import { DEFAULT_SLA } from './findings-queries';
import { buildMatchIndex } from './match/index';
import { matchHost } from './match/match';
import type { HostFacts } from './model';
import { hostVerdicts, type RowContext } from './rematch-rows';

const DIR = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories', 'p0w3rsh3ll-msrc-data');
const FILES = ['2024/cvrfDocument-2024-Mar.xml', '2024/cvrfDocument-2024-Apr.xml'];
const present = FILES.every((file) => fs.existsSync(path.join(DIR, file)));

function estate(): HostFacts[] {
  const hosts: HostFacts[] = [];
  const builds = [19045, 22621, 20348, 17763];
  for (let i = 0; i < 120; i++) {
    const build = builds[i % builds.length] as number;
    const server = build === 20348 || build === 17763;
    hosts.push({
      hostId: `h${i}`,
      os: {
        build,
        ubr: i % 13 === 0 ? undefined : 4000 + (i % 7) * 60,
        architecture: 'x64',
        installationType: server ? 'Server' : 'Client',
        hotpatch: build === 20348 && i % 2 === 0,
      },
      hotfixes: i % 3 === 0 ? ['KB5035845', 'kb5036893'] : [],
      programs: i % 5 === 0 ? [{ name: 'Microsoft Office Professional Plus 2016' }] : [],
      ...(i % 4 === 1
        ? {
            office: {
              clickToRun: {
                version: `16.0.${17000 + (i % 3) * 300}.20000`,
                channel: 'Current',
                platform: 'x64',
              },
            },
          }
        : {}),
      ...(i % 5 === 0 ? { office: { msiFiles: { outlook: `16.0.${5400 + (i % 4) * 20}.1000` } } } : {}),
      ...(server && i % 6 === 0
        ? { exchange: { version: i % 12 === 0 ? '15.2.1544.4' : '15.1.2507.35' } }
        : {}),
    });
  }
  return hosts;
}

describe.skipIf(!present)(
  `component memo vs plain matcher (needs ${path.relative(projectRoot(), DIR)})`,
  () => {
    it('gives every host the verdicts, shape and fingerprint of matchHost + hostVerdicts', () => {
      const feeds = FILES.map((file) =>
        parseMsrcCvrf(fs.readFileSync(path.join(DIR, file)), file, { onInvalidCveId: () => {} }),
      );
      const index = buildMatchIndex(feeds);
      const context: RowContext = { index, merged: new Map(), sla: DEFAULT_SLA };
      const matcher = new ComponentMatcher(context);
      const key = (v: {
        cve: string;
        productName?: string;
        status: string;
        fixKb?: string;
        reason?: string;
      }) => `${v.cve}|${v.productName}|${v.status}|${v.fixKb}|${v.reason}`;
      let verdicts = 0;
      for (const host of [...estate(), ...estate()]) {
        const plain = hostVerdicts(context, 'unit', matchHost(index, host));
        const memo = matcher.hostVerdicts('unit', host);
        expect(memo.fingerprint).toBe(plain.fingerprint);
        expect(memo.vulnerable).toBe(plain.vulnerable);
        expect(memo.verdicts.map(key).sort()).toEqual(plain.verdicts.map(key).sort());
        verdicts += plain.verdicts.length;
      }
      expect(verdicts).toBeGreaterThan(1000);
      expect(matcher.stats.reused).toBeGreaterThan(matcher.stats.matched);
    });
  },
);
