import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import type { Database } from '../../db/client';
import { eventBlocks } from '../schema';
import { decodeBlock, EVENTS_PER_BLOCK, encodeBlock, splitEventId } from './block-codec';
import { blockStoreStats } from './block-search';
import {
  countEventsDetailed,
  deleteEventsBefore,
  type EventInsert,
  findEvent,
  insertEvents,
  searchEvents,
} from './queries';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const UNIT_A = '00000000-0000-4000-8000-0000000000a1';
const UNIT_B = '00000000-0000-4000-8000-0000000000b2';
const SRC_1 = '00000000-0000-4000-8000-000000000011';
const SRC_2 = '00000000-0000-4000-8000-000000000022';
const T0 = Date.UTC(2026, 4, 1, 0, 0, 0);

function ev(n: number, extra: Partial<EventInsert> = {}): EventInsert {
  const time = new Date(T0 + n * 1000);
  return {
    time,
    receivedAt: time,
    host: `h${n % 3}`,
    app: 'sshd',
    facility: 4,
    severity: 6,
    format: 'rfc3164',
    message: `event ${n}`,
    fields: { n, even: n % 2 === 0 },
    raw: null,
    parseError: null,
    unitId: UNIT_A,
    sourceId: SRC_1,
    senderIp: '127.0.0.1',
    ...extra,
  };
}

const nOf = (events: { fields: Record<string, unknown> }[]) => events.map((e) => e.fields.n as number);

describe('event blocks', () => {
  // Two sources write interleaved, overlapping time ranges in several batches: every search must
  // merge across blocks. Events 0..59 on source 1 (even) and 2 (odd), in three batches each.
  beforeAll(async () => {
    for (let batch = 0; batch < 3; batch++) {
      const rows: EventInsert[] = [];
      for (let n = batch * 20; n < batch * 20 + 20; n++)
        rows.push(ev(n, { sourceId: n % 2 === 0 ? SRC_1 : SRC_2 }));
      // Arrival order is not time order inside a batch.
      rows.reverse();
      await database.db.transaction((tx) => insertEvents(tx, rows));
    }
    await database.db.transaction((tx) => insertEvents(tx, [ev(1000, { unitId: UNIT_B, sourceId: null })]));
  });

  it('keeps one block per batch and (unit, source), ids in arrival order within it', async () => {
    const blocks = await database.db
      .select({ id: eventBlocks.id, count: eventBlocks.count })
      .from(eventBlocks);
    expect(blocks.length).toBe(7);
    expect(blocks.filter((b) => b.count === 10).length).toBe(6);
  });

  it('orders by time across block boundaries, newest and oldest first, scoped to the unit', async () => {
    const desc = await searchEvents(database.db, { scopePath: null, unitId: UNIT_A }, 100, 0, 'desc');
    expect(nOf(desc)).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
    const asc = await searchEvents(database.db, { scopePath: null, unitId: UNIT_A }, 100, 0, 'asc');
    expect(nOf(asc)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const b = await searchEvents(database.db, { scopePath: null, unitId: UNIT_B }, 100, 0, 'desc');
    expect(nOf(b)).toEqual([1000]);
  });

  it('pages by offset and by cursor to the same sequence', async () => {
    const f = { scopePath: null, unitId: UNIT_A, from: new Date(T0 + 5000), to: new Date(T0 + 44_000) };
    const byOffset: number[] = [];
    for (let page = 0; page < 5; page++)
      byOffset.push(...nOf(await searchEvents(database.db, f, 7, page * 7, 'desc')));
    const byCursor: number[] = [];
    let cursor: { time: Date; id: number } | undefined;
    for (;;) {
      const page = await searchEvents(database.db, f, 7, 0, 'desc', cursor);
      byCursor.push(...nOf(page));
      if (page.length < 7) break;
      const last = page[page.length - 1]!;
      cursor = { time: last.time, id: Number(last.id) };
    }
    expect(byCursor).toEqual(Array.from({ length: 40 }, (_, i) => 44 - i));
    expect(byOffset).toEqual(byCursor.slice(0, 35));
  });

  it('filters by source, host, text and fields, and counts exactly', async () => {
    const f = { scopePath: null, unitId: UNIT_A, sourceId: SRC_2, host: 'h0' };
    const found = await searchEvents(database.db, f, 100, 0, 'asc');
    expect(nOf(found)).toEqual([3, 9, 15, 21, 27, 33, 39, 45, 51, 57]);
    expect(await countEventsDetailed(database.db, f)).toEqual({ total: 10, exact: true });
    const fields = { scopePath: null, unitId: UNIT_A, fields: { n: 42, even: true } };
    expect(nOf(await searchEvents(database.db, fields, 10, 0, 'asc'))).toEqual([42]);
    expect(nOf(await searchEvents(database.db, { ...fields, fields: { n: '42' } }, 10, 0, 'asc'))).toEqual(
      [],
    );
    expect(nOf(await searchEvents(database.db, { scopePath: null, text: 'event 7' }, 10, 0, 'asc'))).toEqual([
      7,
    ]);
    const range = { scopePath: null, unitId: UNIT_A, from: new Date(T0 + 15_000), to: new Date(T0 + 24_000) };
    expect(await countEventsDetailed(database.db, range)).toEqual({ total: 10, exact: true });
    expect(await countEventsDetailed(database.db, { scopePath: null })).toEqual({ total: 61, exact: true });
  });

  it('extrapolates a count past its budget and says so', async () => {
    const f = { scopePath: null, unitId: UNIT_A, text: 'event' };
    const c = await countEventsDetailed(database.db, f, 15);
    expect(c.exact).toBe(false);
    expect(c.total).toBe(60);
  });

  it('finds one event by id, and nothing outside the scope or past the block', async () => {
    const [some] = await searchEvents(database.db, { scopePath: null, unitId: UNIT_A }, 1, 13, 'asc');
    const found = await findEvent(database.db, some!.id, null);
    expect(found).toMatchObject({ id: some!.id, message: 'event 13', unitId: UNIT_A, sourceId: SRC_2 });
    expect(await findEvent(database.db, some!.id, 'no-such-path/')).toBeUndefined();
    const { blockId } = splitEventId(Number(some!.id))!;
    expect(await findEvent(database.db, String(blockId * EVENTS_PER_BLOCK + 500), null)).toBeUndefined();
    expect(await findEvent(database.db, 'not-a-number', null)).toBeUndefined();
  });

  it('counts and skips a corrupt block instead of failing the search', async () => {
    const [bad] = await database.db.transaction((tx) =>
      insertEvents(tx, [ev(2000, { message: 'corrupt me' })]),
    );
    const { blockId } = splitEventId(Number(bad))!;
    await database.db
      .update(eventBlocks)
      .set({ data: new Uint8Array([1, 2, 3, 4]) })
      .where(eq(eventBlocks.id, blockId));
    const before = blockStoreStats.corruptBlocks;
    const all = await searchEvents(database.db, { scopePath: null, unitId: UNIT_A }, 1000, 0, 'desc');
    expect(all.length).toBe(60);
    expect(blockStoreStats.corruptBlocks).toBe(before + 1);
    expect(blockStoreStats.lastCorrupt).toContain(`block ${blockId}`);
    expect(await findEvent(database.db, bad!, null)).toBeUndefined();
    await database.db.delete(eventBlocks).where(eq(eventBlocks.id, blockId));
  });

  it('purges whole blocks by arrival and reports the events removed', async () => {
    const old = new Date(T0 - 40 * 86_400_000);
    await database.db.transaction((tx) =>
      insertEvents(tx, [
        ev(1, { unitId: UNIT_B, receivedAt: old }),
        ev(2, { unitId: UNIT_B, receivedAt: old }),
      ]),
    );
    expect(await deleteEventsBefore(database.db, new Date(T0 - 30 * 86_400_000), 1)).toBe(2);
    expect(nOf(await searchEvents(database.db, { scopePath: null, unitId: UNIT_B }, 10, 0, 'asc'))).toEqual([
      1000,
    ]);
  });
});

describe('block codec', () => {
  const packed = { ...ev(5, { raw: new Uint8Array([0xc3, 0x28]), parseError: 'bad' }) };

  it('round-trips both encodings, raw bytes included', async () => {
    for (const encoding of ['json', 'json-deflate'] as const) {
      const data = await encodeBlock([packed], encoding);
      const [back] = await decodeBlock(1, encoding, data, 1);
      expect(back).toMatchObject({ message: 'event 5', parseError: 'bad', fields: { n: 5 } });
      expect(Buffer.from(back!.raw!).toString('hex')).toBe('c328');
      expect(back!.time.getTime()).toBe(packed.time.getTime());
    }
  });

  it('refuses malformed blocks with a CorruptBlockError', async () => {
    const json = (text: string) => new Uint8Array(Buffer.from(text));
    const cases: [string, Uint8Array, number][] = [
      ['json', json('not json'), 1],
      ['json', json('{"a":1}'), 1],
      ['json', json('[[1,2]]'), 1],
      ['json', json('[]'), 1],
      ['json-deflate', json('plain'), 1],
      ['zstd', json('[]'), 0],
    ];
    for (const [encoding, data, count] of cases)
      await expect(decodeBlock(9, encoding, data, count)).rejects.toThrow('event block 9 cannot be decoded');
  });
});

describe('migration of rows into blocks', () => {
  it('the SQL packing writes tuples the codec reads', async () => {
    // The same select the migration runs, on a scratch table shaped like the old events table.
    await database.db.execute(sql`create temp table events (id bigserial, time timestamptz, received_at timestamptz,
      unit_id uuid, source_id uuid, sender_ip text, host text, app text, facility smallint, severity smallint,
      format text, message text, fields jsonb, raw bytea, parse_error text)`);
    await database.db.execute(sql`insert into events (time, received_at, unit_id, source_id, sender_ip, host, app,
      facility, severity, format, message, fields, raw, parse_error) values
      ('2026-03-15T03:00:00.123Z', '2026-03-15T03:00:01.456Z', ${UNIT_B}, null, '10.0.0.1', 'h', 'a', 4, 6,
       'rfc3164', 'Đăng nhập', '{"EventID":4625,"x":"y"}', '\\xc328', 'bad'),
      ('2026-03-15T03:00:02Z', '2026-03-15T03:00:03Z', ${UNIT_B}, null, null, null, null, null, null, 'raw', 'm2', '{}', null, null)`);
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { migrationsFolder } = await import('../../db/migrate');
    const file = fs.readdirSync(migrationsFolder()).find((f) => f.includes('pack_events_into_blocks'))!;
    const statements = fs
      .readFileSync(path.join(migrationsFolder(), file), 'utf8')
      .split('--> statement-breakpoint');
    await database.db.execute(sql.raw(statements[1]!));
    const [block] = await database.db
      .select()
      .from(eventBlocks)
      .where(sql`${eventBlocks.unitId} = ${UNIT_B} and ${eventBlocks.encoding} = 'json'`);
    expect(block).toMatchObject({ count: 2, hosts: ['h'], apps: ['a'] });
    const events = await decodeBlock(block!.id, block!.encoding, block!.data, block!.count);
    expect(events[0]).toMatchObject({
      message: 'Đăng nhập',
      fields: { EventID: 4625, x: 'y' },
      senderIp: '10.0.0.1',
    });
    expect(events[0]!.time.toISOString()).toBe('2026-03-15T03:00:00.123Z');
    expect(events[0]!.receivedAt.toISOString()).toBe('2026-03-15T03:00:01.456Z');
    expect(Buffer.from(events[0]!.raw!).toString('hex')).toBe('c328');
    expect(events[1]).toMatchObject({ host: null, facility: null, raw: null, format: 'raw' });
    await database.db.execute(sql`drop table events`);
  });
});
