import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { onPostgres } from '../../../test/database';
import { buildUnit } from '../../../test/factories';
import { onRulesChanged, type RulesChange } from './changes';
import { failedLogon, ruleYaml } from './test-rules';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

/**
 * Another node changes the rules: `canh-gac rules import` run in a child process (its own Node, its own
 * pool, no bus) against the PostgreSQL this test's server (node B) uses. B must hear it through LISTEN
 * at once, not after its 30-second fingerprint check: the in-process listener below only ever hears a
 * notice relayed by B's rules bus (the check rebuilds without signalling), and B's next event matches
 * the new rule.
 */
describe.skipIf(!onPostgres)('rule changes reach the other nodes at once (PostgreSQL NOTIFY)', () => {
  let nodeB: TestApp;
  let admin: Agent;
  let unitId: string;
  let token: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-rules-node-a-'));
  const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-rules-src-'));

  beforeAll(async () => {
    nodeB = await createTestApp();
    admin = await signIn(nodeB.app, 'admin', ADMIN_PASSWORD);
    unitId = (await buildUnit(nodeB.sys, { parentId: nodeB.root.id, code: 'XA-NODES' })).id;
    token = (await admin.request('POST', '/api/log-sources', { unitId, name: 'W', kind: 'http' })).json()
      .token;
  });
  afterAll(async () => {
    await nodeB?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(rulesDir, { recursive: true, force: true });
  });

  it('a rule imported by the CLI on node A is live on node B within seconds', {
    timeout: 180_000,
  }, async () => {
    const heard: RulesChange[] = [];
    const stop = onRulesChanged((what) => heard.push(what));
    try {
      // Node B's detection first builds its (empty) rule set, so what follows is a rebuild.
      const ingest = (user: string) =>
        nodeB.app.inject({
          method: 'POST',
          url: '/api/ingest/events',
          payload: failedLogon(user),
          headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token },
        });
      expect((await ingest('intruder')).statusCode).toBeLessThan(300);
      const ruleId = '7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c01';
      fs.writeFileSync(path.join(rulesDir, 'intruder.yml'), ruleYaml({ id: ruleId, user: 'intruder' }));
      const script = `const { runCli } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});
process.exitCode = await runCli(['node', 'canh-gac', '--json', 'rules', 'import', ${JSON.stringify(rulesDir)}]);`;
      const child = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: nodeB.database.url,
          CANHGAC_DATA_DIR: dataDir,
          CANHGAC_ADMIN_PASSWORD: 'Admin-password-for-node-a-1',
        },
      });
      expect(JSON.parse(child.stdout).imported).toMatchObject([{ ruleId }]);
      const since = Date.now();
      while (heard.length === 0 && Date.now() - since < 10_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).toEqual(['rules']);
      expect((await ingest('intruder')).statusCode).toBeLessThan(300);
      const alerts = (
        await admin.request('GET', `/api/watch/alerts?unitId=${unitId}&ruleId=${ruleId}`)
      ).json().items;
      expect(alerts).toHaveLength(1);
    } finally {
      stop();
    }
  });
});

describe.skipIf(onPostgres)('rule changes across nodes', () => {
  it('skips: set CANHGAC_TEST_DATABASE_URL (scripts/pg-test-cluster.sh run) to run the two-node test', () => {
    expect(onPostgres).toBe(false);
  });
});
