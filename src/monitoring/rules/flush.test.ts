import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { buildUnit } from '../../../test/factories';
import { type Ctx, systemCtx } from '../../core/context';
import { createLogger } from '../../core/log';
import type { Database } from '../../db/client';
import { createRootUnit } from '../../units/service';
import { listWatchAlerts } from '../../watch/alerts/service';
import type { StoredEvent } from '../events/model';
import { publishStoredEvents } from '../events/subscribers';
import { startDetection } from './detection';
import { importSigmaRules } from './service';

/**
 * The idle flush, with a clock the test moves (no wall-clock assertion): a "fewer than 3 logons in
 * 10 minutes" window closes and fires with no further event, once the stream's clock passes its end.
 */
const QUIET = `title: Heartbeat logon
id: ${randomUUID()}
name: heartbeat_logon
author: Base Author
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4624
    TargetUserName: backup-svc
  condition: selection
level: low
---
title: Backup service logged on fewer than 3 times in 10 minutes
id: ${randomUUID()}
author: Tác Giả Tương Quan
correlation:
  type: event_count
  rules:
    - heartbeat_logon
  group-by:
    - Computer
  timespan: 10m
  condition:
    lt: 3
level: high
`;

let database: Database;
let sys: Ctx;
let unitId: string;
let clock = 0;
let stop: () => void;

beforeAll(async () => {
  database = await createTestDatabase();
  sys = systemCtx(database.db, createLogger('silent'), 'test');
  const root = await createRootUnit(sys, { code: 'ROOT', name: 'Gốc', kind: 'agency' } as never);
  unitId = (await buildUnit(sys, { parentId: root.id, code: 'XA-FLUSH' })).id;
  await importSigmaRules(sys, [{ name: 'quiet.yml', content: Buffer.from(QUIET) }]);
  stop = startDetection(database.db, sys.log, { flushEveryMs: 10, now: () => clock, latenessMs: 1000 });
});
afterAll(async () => {
  stop?.();
  await database.close();
});

const event = (time: string): StoredEvent => ({
  id: randomUUID(),
  unitId,
  sourceId: null,
  senderIp: null,
  time: new Date(time),
  receivedAt: new Date(time),
  host: 'NAS-01',
  app: null,
  facility: null,
  severity: null,
  format: 'windows',
  message: '',
  fields: { Channel: 'Security', EventID: 4624, TargetUserName: 'backup-svc', Computer: 'NAS-01' },
  raw: null,
  parseError: null,
});

const alerts = async () => (await listWatchAlerts(sys, { unitId, page: 1, pageSize: 50 } as never)).items;
const ticks = (n: number) => new Promise((r) => setTimeout(r, n * 10 + 20));

describe('idle flush of correlation windows', () => {
  it('fires a "fewer than" window once the stream clock passes its end, with no further event', async () => {
    clock = 1_000_000;
    await publishStoredEvents([event('2026-03-15T03:00:00Z'), event('2026-03-15T03:01:00Z')], sys.log);
    await ticks(5);
    expect(await alerts()).toEqual([]); // the clock has not moved: the window is still open
    clock += 5 * 60_000;
    await ticks(5);
    expect(await alerts()).toEqual([]); // 5 minutes in: still open
    clock += 6 * 60_000; // 11 minutes after the first event: past 10 min + 1 s lateness
    let found: Awaited<ReturnType<typeof alerts>> = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      await ticks(1);
      found = await alerts();
    }
    expect(found).toMatchObject([
      { ruleAuthor: 'Tác Giả Tương Quan', level: 'high', groupKey: 'Computer=NAS-01', count: 1 },
    ]);
    expect(found[0]!.events).toHaveLength(2);
  });
});
