import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded';
import { BlockBuilder } from './block-builder';
import { decodeBlock, encodeBlock } from './block-codec';
import { type EventInsert, MAX_BLOCK_EVENTS, packEvents } from './block-write';

const inflate = promisify(zlib.inflateRaw);
const UNIT = '00000000-0000-4000-8000-0000000000a1';
const SOURCE = '00000000-0000-4000-8000-000000000011';

/** Events with what makes packing hard: NUL, lone surrogates, emoji, raw bytes, times out of range. */
function generated(n: number, seed: number): EventInsert[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const texts = [
    'Failed password for root',
    'Đăng nhập thất bại',
    'nul\0here',
    'lone \uD800 half',
    '😀 ok',
    'q"uo\\te',
  ];
  return Array.from({ length: n }, (_, i) => {
    const receivedAt = new Date(Date.UTC(2026, 4, 1) + i * 37);
    const outOfRange = random() < 0.05;
    return {
      time: outOfRange
        ? new Date(Date.UTC(20000, 0, 1))
        : new Date(receivedAt.getTime() - Math.floor(random() * 1e6)),
      receivedAt,
      host: random() < 0.1 ? null : `host-${Math.floor(random() * 40)}`,
      app: random() < 0.1 ? null : pick(['sshd', 'su', 'cron', 'bad\0app']),
      facility: random() < 0.2 ? null : 4,
      severity: random() < 0.2 ? null : Math.floor(random() * 8),
      format: pick(['rfc3164', 'rfc5424', 'sshd'] as const),
      message: `${pick(texts)} #${i}`,
      fields: random() < 0.5 ? {} : { user: pick(texts), port: i, nested: { k: pick(texts) } },
      raw: random() < 0.1 ? new Uint8Array([0xc0, 0xff, i & 0xff]) : null,
      parseError: random() < 0.1 ? 'not syslog' : null,
      unitId: UNIT,
      sourceId: SOURCE,
      senderIp: '127.0.0.1',
    };
  });
}

async function built(events: readonly EventInsert[]) {
  const builder = new BlockBuilder(UNIT, SOURCE);
  const indexes = events.map((e) => builder.append(e));
  return { indexes, block: await builder.seal() };
}

describe('block builder (events packed as they arrive)', () => {
  it("writes the bytes of the codec's reference encoder and the summary, for hostile content too", async () => {
    for (const [n, seed] of [
      [1, 1],
      [17, 2],
      [500, 3],
      [3000, 4],
    ] as const) {
      const events = generated(n, seed);
      const { indexes, block } = await built(events);
      expect(indexes).toEqual(events.map((_, i) => i));
      // A time the database cannot store (year 20000) is replaced by the arrival time.
      const kept = events.map((e) => ({
        ...e,
        time: e.time.getUTCFullYear() > 9999 ? e.receivedAt : e.time,
      }));
      const reference = await encodeBlock(kept);
      expect((await inflate(block.data)).toString('utf8')).toBe((await inflate(reference)).toString('utf8'));
      const times = kept.map((e) => e.time.getTime());
      const arrivals = kept.map((e) => e.receivedAt.getTime());
      const distinct = (xs: (string | null)[]) => {
        const set = new Set(xs.filter((x): x is string => x !== null));
        return set.size > 32 ? null : [...set].map((x) => x.replaceAll('\0', '\uFFFD'));
      };
      expect(block).toMatchObject({
        unitId: UNIT,
        sourceId: SOURCE,
        count: n,
        encoding: 'json-deflate',
        minTime: new Date(Math.min(...times)),
        maxTime: new Date(Math.max(...times)),
        minReceivedAt: new Date(Math.min(...arrivals)),
        maxReceivedAt: new Date(Math.max(...arrivals)),
        hosts: distinct(events.map((e) => e.host)),
        apps: distinct(events.map((e) => e.app)),
      });
      const decoded = await decodeBlock(1, block.encoding, block.data, block.count);
      expect(decoded.map((e) => e.message)).toEqual(
        events.map((e) => e.message.replaceAll('\0', '\uFFFD').replace('\uD800', '\uFFFD')),
      );
      // packEvents (HTTP and EVTX batches) packs through the builder: same block, rows in place.
      const [packed] = await packEvents(events);
      expect(packed!.rows).toEqual(indexes);
      expect(packed!.data).toEqual(block.data);
    }
  });

  it('is full at the block size, and lists no hosts past the limit', async () => {
    const builder = new BlockBuilder(UNIT, SOURCE);
    const events = generated(MAX_BLOCK_EVENTS, 5);
    for (const e of events) builder.append(e);
    expect(builder.full).toBe(true);
    const block = await builder.seal();
    expect(block.count).toBe(MAX_BLOCK_EVENTS);
    expect(block.hosts).toBeNull(); // 40 distinct hosts > 32 listed
  });
});
