import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../sigma';
import { FIXTURES, type MixItem, mix, syslogEvents, webEvents, windowsEvents } from './fixture-mix';
import { loadRulePaths } from './rule-files';

const RULES = path.join(FIXTURES, 'sigma/sigmahq/rules');
const present = fs.existsSync(RULES) && fs.existsSync(path.join(FIXTURES, 'logs/loghub'));
if (!present)
  process.stderr.write(`indexed-vs-plain: ${FIXTURES} is absent; the differential test is skipped\n`);

/** Variants that reach the engine's special paths: non-ASCII texts (second automaton), upper case, lists. */
function variants(items: MixItem[]): MixItem[] {
  return items.flatMap((it) => {
    const cmd = it.event.CommandLine;
    if (typeof cmd !== 'string') return [];
    return [
      { event: { ...it.event, CommandLine: `${cmd} 🤷🏼‍♂️ \u202e` } },
      {
        event: {
          ...it.event,
          CommandLine: cmd.toUpperCase(),
          Image: String(it.event.Image ?? '').toUpperCase(),
        },
      },
      { event: { ...it.event, CommandLine: [cmd, 'x'] } },
    ];
  });
}

describe.skipIf(!present)('optimised (indexed) and plain evaluation give the same matches', () => {
  it('on the benchmark event mix with every SigmaHQ Windows, Linux, web and network rule', async () => {
    const dirs = ['windows', 'linux', 'web', 'network'].map((d) => path.join(RULES, d));
    const { documents } = loadRulePaths(dirs);
    const indexed = compileRuleSet(documents);
    const plain = compileRuleSet(documents, { noIndex: true });
    expect(indexed.rules.length).toBeGreaterThan(2700);
    const win = await windowsEvents();
    const items = [...mix(win, syslogEvents(), webEvents(), 400), ...win, ...variants(win.slice(0, 60))];
    let matched = 0;
    const differences: string[] = [];
    for (const [i, it] of items.entries()) {
      const ids = (set: typeof indexed) =>
        set
          .match(it.event, undefined, it.hint)
          .map((r) => r.id)
          .sort()
          .join(',');
      const [a, b] = [ids(indexed), ids(plain)];
      if (a) matched++;
      if (a !== b) differences.push(`event ${i}: indexed [${a}] plain [${b}]`);
    }
    expect(differences).toEqual([]);
    expect(matched).toBeGreaterThan(100); // the comparison is not vacuous
  }, 300_000);
});
