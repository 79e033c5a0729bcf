import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../../test/factories';
import { raiseAlerts } from './raise-batch';
import { assignAlert, changeAlertStatus, raiseAlert } from './service';
import { openSse, type SseMessage } from './sse-client';
import { REPLAY_LIMITS } from './stream';

/**
 * SSE replay, with a real HTTP client on loopback: every message carries its journal id, and a client
 * that reconnects with Last-Event-ID gets, from the database, exactly the changes it missed in its
 * scope (none of a sibling unit's), then the live ones, each once and in order.
 */
const rule = {
  ruleId: 'r-replay',
  ruleTitle: 'Replay',
  ruleAuthor: 'Tác giả (DRL 1.1)',
  level: 'high' as const,
};

let t: TestApp;
let port = 0;
let viewer: Agent;
let analyst: { id: string; displayName: string };
let unitA: string;
let unitB: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  unitA = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-REPLAY-A' })).id;
  unitB = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-REPLAY-B' })).id;
  const user = await buildUser(t.sys, { unitId: unitA, role: 'viewer' });
  analyst = await buildUser(t.sys, { unitId: unitA, role: 'on_duty' });
  viewer = await signIn(t.app, user.username, USER_PASSWORD);
});
afterAll(() => t.close());

const stream = (query = '', lastEventId?: string) =>
  openSse(port, `/api/watch/alerts/stream${query}`, {
    cookie: viewer.cookie,
    ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
  });
type Sent = {
  type: string;
  alert: {
    id: string;
    unitId: string;
    status: string;
    closeReason: string | null;
    closedAt: string | null;
    assigneeId: string | null;
    assigneeName: string | null;
    count: number;
  };
};
const body = (m: SseMessage) => JSON.parse(m.data) as Sent;
const raise = (unitId: string, groupKey: string) =>
  raiseAlert(t.sys, { ...rule, unitId, groupKey }).then((r) => r.alert);

describe('alert stream replay (Last-Event-ID)', () => {
  it('a reconnecting client gets exactly what it missed in its scope, then the live changes', async () => {
    const first = stream();
    const [ready] = await first.next('ready');
    expect(ready!.id).toMatch(/^\d+$/); // a fresh stream starts at the newest journal id
    const seen = await raise(unitA, 'seen');
    const [live] = await first.next('alert');
    expect(body(live!)).toMatchObject({ type: 'raised', alert: { id: seen.id } });
    expect(Number(live!.id)).toBeGreaterThan(Number(ready!.id));
    first.close();
    await first.ended;

    // While the console is away: two changes in A (one through detection's batch path), one in B.
    const missed = await raise(unitA, 'missed');
    await raise(unitB, 'foreign');
    await changeAlertStatus(t.sys, seen.id, { status: 'acknowledged', note: undefined });
    const [batched] = await raiseAlerts(t.sys, [{ ...rule, unitId: unitA, groupKey: 'batched' }]);

    const again = stream('?limit=4', live!.id);
    const replayed = await again.next('alert', 3);
    expect(replayed.map((m) => [body(m).type, body(m).alert.id])).toEqual([
      ['raised', missed.id],
      ['updated', seen.id],
      ['raised', batched!.alert.id],
    ]);
    const afterReplay = await raise(unitA, 'after');
    await again.ended; // limit=4: the live one ends it
    const all = again.messages.filter((m) => m.event === 'alert');
    expect(all.map((m) => body(m).alert.id)).toEqual([missed.id, seen.id, batched!.alert.id, afterReplay.id]);
    expect(all.every((m) => body(m).alert.unitId === unitA)).toBe(true);
    const ids = all.map((m) => Number(m.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    expect(again.messages.some((m) => m.event === 'resync')).toBe(false);
  });

  it('nothing missed: no replay, the client keeps its id; a unit filter narrows the replay too', async () => {
    const fresh = stream('?limit=0');
    const [ready] = await fresh.next('ready');
    await fresh.ended;
    const quiet = stream('?limit=0', ready!.id);
    await quiet.ended;
    expect(quiet.messages.map((m) => m.event)).toEqual(['ready']);
    expect(quiet.messages[0]!.id).toBeUndefined();
    // The viewer asks for another unit's subtree: refused like the live path.
    const foreign = openSse(port, `/api/watch/alerts/stream?unitId=${unitB}`, {
      cookie: viewer.cookie,
      'last-event-id': ready!.id!,
    });
    await expect(foreign.ended).rejects.toThrow(/403/);
  });

  it('out of reach (too old, too many, unknown id): one "resync" so the console reloads its lists', async () => {
    const fresh = stream('?limit=0');
    const [ready] = await fresh.next('ready');
    await fresh.ended;
    await raise(unitA, 'old');
    // The missed change happened longer ago than the replay reaches.
    await t.db.execute(
      sql`update watch_alert_changes set at = now() - make_interval(mins => ${REPLAY_LIMITS.minutes + 5}) where id > ${Number(ready!.id)}`,
    );
    const late = stream('?limit=0', ready!.id);
    await late.ended;
    expect(late.messages.map((m) => m.event)).toEqual(['ready', 'resync']);
    expect(Number(late.messages[0]!.id)).toBeGreaterThan(Number(ready!.id));
    const unknown = stream('?limit=0', '999999999');
    await unknown.ended;
    expect(unknown.messages.map((m) => m.event)).toEqual(['ready', 'resync']);
    const legacy = stream('?limit=0', 'a1b2:1700000000000'); // an id of the old format: a fresh start
    await legacy.ended;
    expect(legacy.messages.map((m) => m.event)).toEqual(['ready']);
  });

  it('replays each change as it left the alert (count, assignee, status), not the alert as it is now', async () => {
    const fresh = stream('?limit=0');
    const [ready] = await fresh.next('ready');
    await fresh.ended;
    const alert = await raise(unitA, 'faithful');
    await raise(unitA, 'faithful');
    await assignAlert(t.sys, alert.id, analyst.id);
    await changeAlertStatus(t.sys, alert.id, { status: 'acknowledged', note: undefined });
    await assignAlert(t.sys, alert.id, null);
    await changeAlertStatus(t.sys, alert.id, { status: 'closed', reason: 'false_positive', note: undefined });

    const again = stream('?limit=6', ready!.id);
    await again.ended;
    const seen = again.messages
      .filter((m) => m.event === 'alert')
      .map((m) => body(m))
      .map(({ type, alert: a }) => [
        type,
        a.count,
        a.status,
        a.assigneeName,
        a.closeReason,
        a.closedAt !== null,
      ]);
    expect(seen).toEqual([
      ['raised', 1, 'new', null, null, false],
      ['repeated', 2, 'new', null, null, false],
      ['updated', 2, 'new', analyst.displayName, null, false],
      ['updated', 2, 'acknowledged', analyst.displayName, null, false],
      ['updated', 2, 'acknowledged', null, null, false],
      ['updated', 2, 'closed', null, 'false_positive', true],
    ]);
  });
});
