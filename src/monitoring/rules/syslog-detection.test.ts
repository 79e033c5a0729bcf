import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit } from '../../../test/factories';
import { IngestPipeline } from '../ingest/pipeline';
import { type Receiver, startStreamReceiver } from '../ingest/receivers';
import { SourceDirectory } from '../ingest/source-directory';
import { logSources } from '../schema';
import { importSigmaRules } from './service';

const RULE = `title: SSH root password failure
id: 3e7b9d2c-4a1f-4c6e-8b0d-9f1e2a3b4c06
author: Lê Văn Syslog
logsource:
  product: linux
  service: sshd
detection:
  keywords:
    - 'Failed password for root'
  condition: keywords
level: medium
`;

let t: TestApp;
let admin: Agent;
let unitId: string;
let pipeline: IngestPipeline;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unitId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-SYSLOG' })).id;
  await t.db.insert(logSources).values({ unitId, name: 'web01', kind: 'syslog', cidr: '127.0.0.1/32' });
  const directory = new SourceDirectory(t.db);
  await directory.reload();
  pipeline = new IngestPipeline({ db: t.db, log: t.sys.log, directory, batchSize: 50, flushMs: 20 });
  receiver = await startStreamReceiver({ host: '127.0.0.1', port: 0, pipeline });
  await importSigmaRules(t.sys, [{ name: 'sshd.yml', content: Buffer.from(RULE) }]);
});
afterAll(async () => {
  await receiver.close();
  await pipeline.close();
  await t.close();
});

async function send(line: string) {
  const socket = net.connect(receiver.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  await new Promise<void>((resolve) => socket.end(`${line}\n`, resolve));
}

async function alertsAfterFlush(n: number) {
  for (let i = 0; i < 200; i++) {
    await pipeline.flush();
    const items = (await admin.request('GET', `/api/watch/alerts?unitId=${unitId}`)).json().items;
    if (items.length >= n) return items;
    await new Promise((r) => setTimeout(r, 25));
  }
  return [];
}

describe('detection on syslog over a real loopback TCP socket', () => {
  it('an sshd line matching a keyword rule raises an alert with the rule author; others raise nothing', async () => {
    await send(
      '<38>Mar 15 10:00:00 web01 sshd[123]: Accepted publickey for deploy from 198.18.0.9 port 22 ssh2',
    );
    await send('<38>Mar 15 10:00:01 web01 sshd[124]: Failed password for root from 198.18.0.9 port 22 ssh2');
    const [alert, ...rest] = await alertsAfterFlush(1);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      ruleId: '3e7b9d2c-4a1f-4c6e-8b0d-9f1e2a3b4c06',
      ruleAuthor: 'Lê Văn Syslog',
      level: 'medium',
      unitId,
      count: 1,
    });
    expect(alert.excerpt).toMatch(/Failed password for root/);
  });

  it('a rule imported while lines stream in applies to the next line, and the evidence is the stored event', async () => {
    // Detection looks at each line as it arrives; after a rule change, lines wait for the new rule set.
    const canary = RULE.replace(
      '3e7b9d2c-4a1f-4c6e-8b0d-9f1e2a3b4c06',
      '3e7b9d2c-4a1f-4c6e-8b0d-9f1e2a3b4c07',
    )
      .replace('SSH root password failure', 'Canary user')
      .replace("'Failed password for root'", "'Invalid user canary-7'");
    await importSigmaRules(t.sys, [{ name: 'canary.yml', content: Buffer.from(canary) }]);
    await send('<38>Mar 15 10:00:02 web01 sshd[125]: Invalid user canary-7 from 198.18.0.9 port 22');
    const items = await alertsAfterFlush(2);
    const alert = items.find((a: { ruleId: string }) => a.ruleId.endsWith('c07'));
    expect(alert).toBeDefined();
    const detail = (await admin.request('GET', `/api/watch/alerts/${alert.id}`)).json();
    const [evidence] = detail.alert.events as { id: string }[];
    const stored = await admin.request('GET', `/api/events/${evidence!.id}`);
    expect(stored.statusCode).toBe(200);
    expect(stored.json().message).toMatch(/Invalid user canary-7/);
  });
});
