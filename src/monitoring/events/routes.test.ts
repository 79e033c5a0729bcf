import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../../test/factories';
import { EVENTS_PER_BLOCK } from './block-codec';
import { type EventInsert, insertEvents } from './queries';

let t: TestApp;
let admin: Agent;
let viewer: Agent;
let ownId: string;
let otherId: string;

const event = (unitId: string, message: string): EventInsert => ({
  time: new Date('2026-03-15T03:00:00Z'),
  receivedAt: new Date('2026-03-15T03:00:01Z'),
  unitId,
  sourceId: null,
  senderIp: '127.0.0.1',
  host: 'fw-01',
  app: 'sshd',
  facility: 4,
  severity: 6,
  format: 'rfc3164',
  message,
  fields: { EventID: 4625, user: 'Đức' },
  raw: new Uint8Array([0xff, 0x00, 0x41]),
  parseError: null,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  ownId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'EV-1' })).id;
  otherId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'EV-2' })).id;
  const user = await buildUser(t.sys, { unitId: ownId, role: 'viewer' });
  viewer = await signIn(t.app, user.username, USER_PASSWORD);
});
afterAll(() => t.close());

describe('GET /api/events/:id', () => {
  it('returns one event of the caller’s units, the same item the search gives', async () => {
    const [first, second] = await insertEvents(t.db, [event(ownId, 'thứ nhất'), event(ownId, 'thứ hai')]);
    const res = await viewer.request('GET', `/api/events/${second}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: second,
      unitId: ownId,
      message: 'thứ hai',
      fields: { EventID: 4625, user: 'Đức' },
      rawBase64: Buffer.from([0xff, 0x00, 0x41]).toString('base64'),
      time: '2026-03-15T03:00:00.000Z',
    });
    const page = await viewer.request('GET', `/api/events?unitId=${ownId}&order=asc`);
    const listed = page.json().items.find((e: { id: string }) => e.id === first);
    expect((await viewer.request('GET', `/api/events/${first}`)).json()).toEqual(listed);
  });

  it('answers 404, not 403, for another unit’s event, so ids reveal nothing', async () => {
    const [foreign] = await insertEvents(t.db, [event(otherId, 'bí mật')]);
    const res = await viewer.request('GET', `/api/events/${foreign}`, undefined, { 'accept-language': 'vi' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('EVENT_NOT_FOUND');
    expect(res.body).toContain('Không tìm thấy sự kiện');
    expect(res.body).not.toContain('bí mật');
    expect((await admin.request('GET', `/api/events/${foreign}`)).json().message).toBe('bí mật');
  });

  it('answers 404 for an id past the block’s events or of no block, 400 for a malformed id', async () => {
    const [id] = await insertEvents(t.db, [event(ownId, 'một')]);
    const past = Number(id) + 1;
    expect((await admin.request('GET', `/api/events/${past}`)).json().code).toBe('EVENT_NOT_FOUND');
    const noBlock = (Math.floor(Number(id) / EVENTS_PER_BLOCK) + 1000) * EVENTS_PER_BLOCK;
    expect((await admin.request('GET', `/api/events/${noBlock}`)).statusCode).toBe(404);
    for (const bad of ['abc', '-1', '1.5', '12345678901234567'])
      expect((await admin.request('GET', `/api/events/${bad}`)).statusCode, bad).toBe(400);
  });
});
