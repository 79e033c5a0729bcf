import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/project-root';

/** ../shared/fixtures/logs, read in place (never copied); undefined when absent. */
export function logFixturesDir(): string | undefined {
  const dir = path.resolve(projectRoot(), '..', 'shared', 'fixtures', 'logs');
  return fs.existsSync(dir) ? dir : undefined;
}

/** The `log N pass = <line>` cases of one Wazuh ruleset test table. */
export function wazuhCases(dir: string, name: string): string[] {
  const file = path.join(dir, 'wazuh-ruleset-tests', 'ruleset', 'testing', 'tests', `${name}.ini`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => /^log \d+ pass = (.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined);
}
