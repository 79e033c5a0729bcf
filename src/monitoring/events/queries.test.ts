import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import type { Database } from '../../db/client';
import { type EventInsert, insertEvents, searchEvents } from './queries';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const UNIT = '00000000-0000-4000-8000-0000000000aa';
const at = new Date('2026-03-15T03:00:00.123Z');

function event(message: string, extra: Partial<EventInsert> = {}): EventInsert {
  return {
    time: at,
    receivedAt: at,
    host: 'h1',
    app: 'sshd',
    facility: 4,
    severity: 6,
    format: 'rfc3164',
    message,
    fields: { n: 1, text: message },
    raw: null,
    parseError: null,
    unitId: UNIT,
    sourceId: null,
    senderIp: '127.0.0.1',
    ...extra,
  };
}

describe('insertEvents (COPY)', () => {
  it('returns ascending ids in row order and stores each value as given', async () => {
    const rows = [
      event('tab\there, line\nbreak, back\\slash \\N'),
      event('Đăng nhập thất bại 🛡', { host: null, app: null, facility: null, severity: null }),
      event('raw bytes', { raw: new Uint8Array([0xc3, 0x28, 0x5c, 0x00]), parseError: 'bad' }),
    ];
    const ids = await database.db.transaction((tx) => insertEvents(tx, rows));
    expect(ids.map(Number)).toEqual([Number(ids[0]), Number(ids[0]) + 1, Number(ids[0]) + 2]);
    const stored = await searchEvents(database.db, { scopePath: null, unitId: UNIT }, 10, 0, 'asc');
    expect(stored.map((e) => e.id)).toEqual(ids);
    expect(stored.map((e) => e.message)).toEqual(rows.map((r) => r.message));
    expect(stored.map((e) => e.fields.text)).toEqual(rows.map((r) => r.message));
    expect(stored[1]).toMatchObject({ host: null, app: null, facility: null, severity: null });
    expect(Buffer.from(stored[2]!.raw!).toString('hex')).toBe('c3285c00');
    expect(stored[2]!.parseError).toBe('bad');
    expect(stored[0]!.time.toISOString()).toBe(at.toISOString());
  });

  it('turns NUL and lone surrogates into U+FFFD instead of failing the batch', async () => {
    const rows = [event('nul\0here', { fields: { bad: 'x\uD800y', nul: 'a\0b', ok: 'Việt' } })];
    const [id] = await database.db.transaction((tx) => insertEvents(tx, rows));
    const [e] = (await searchEvents(database.db, { scopePath: null, unitId: UNIT }, 100, 0, 'asc')).filter(
      (x) => x.id === id,
    );
    expect(e!.message).toBe('nul\uFFFDhere');
    expect(e!.fields).toEqual({ bad: 'x\uFFFDy', nul: 'a\uFFFDb', ok: 'Việt' });
  });

  it('keeps the arrival time when the event time is invalid or out of range', async () => {
    const rows = [
      event('nan', { time: new Date(Number.NaN) }),
      event('far', { time: new Date(Date.UTC(20000, 0, 1)) }),
    ];
    const ids = await database.db.transaction((tx) => insertEvents(tx, rows));
    const stored = (await searchEvents(database.db, { scopePath: null, unitId: UNIT }, 100, 0, 'asc')).filter(
      (e) => ids.includes(e.id),
    );
    expect(stored.map((e) => e.time.toISOString())).toEqual([at.toISOString(), at.toISOString()]);
  });

  it('stores nothing of a batch whose transaction fails', async () => {
    const before = (await searchEvents(database.db, { scopePath: null }, 1000, 0, 'asc')).length;
    await expect(
      database.db.transaction(async (tx) => {
        await insertEvents(tx, [event('will roll back')]);
        throw new Error('after the copy');
      }),
    ).rejects.toThrow('after the copy');
    expect((await searchEvents(database.db, { scopePath: null }, 1000, 0, 'asc')).length).toBe(before);
  });
});
