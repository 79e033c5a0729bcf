import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { seededRandom } from '../../../test/seeded';
import type { Database } from '../../db/client';
import { blockJson, cleanText, encodeBlock, type PackedEvent } from './block-codec';
import { blockNeedles } from './block-prefilter';
import {
  type BlockRow,
  countEventsDetailed,
  type EventFilter,
  matcher,
  matchingEventsOf,
  searchEvents,
  searchTuning,
  storedEventsOf,
} from './block-search';
import { insertEvents } from './block-write';

// Differential test: the read-side shortcut (needles in the block's JSON bytes, then tuples filtered
// before events are built) must give exactly what decoding every event and filtering it gives.
// Messages, keys and values are drawn from atoms JSON escapes or treats specially, so a needle often
// appears only in its escaped form, in a key, in another field or in the base64 of `raw`.
const ATOMS = [
  '"',
  '\\',
  '\\u',
  'u0000',
  '\n',
  '\t',
  '\r',
  '\u0001',
  '\u001f',
  '\0',
  '\uD83D',
  '\uDE00',
  '😀',
  'ư',
  'Đăng nhập',
  'é',
  'e\u0301',
  '\u2028',
  '/',
  'a',
  'A',
  'Accepted',
  'accepted',
  'EventID',
  '4625',
  ':',
  ',',
  '[',
  ']',
  '{',
  '}',
  ' ',
  'null',
  'true',
  '\uFFFD',
];

function makeEvents(rand: () => number, n: number): PackedEvent[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const words = (max: number) => Array.from({ length: Math.floor(rand() * max) }, () => pick(ATOMS)).join('');
  const value = (): unknown => {
    const r = rand();
    if (r < 0.3) return words(4);
    if (r < 0.5) return pick([4625, 0, -1, 1.5, 46250]);
    if (r < 0.6) return rand() < 0.5;
    if (r < 0.7) return null;
    if (r < 0.8) return { [words(2)]: words(2), EventID: pick([4625, '4625']) };
    return pick(['4625', 'true', 'sshd', 'h1']);
  };
  return Array.from({ length: n }, (_, i) => {
    const fields: Record<string, unknown> = {};
    for (let k = Math.floor(rand() * 4); k > 0; k--)
      fields[rand() < 0.5 ? words(3) : pick(['EventID', 'user'])] = value();
    return {
      time: new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 100) * 1000),
      receivedAt: new Date(Date.UTC(2026, 0, 1) + i),
      senderIp: rand() < 0.5 ? '127.0.0.1' : null,
      host: rand() < 0.8 ? pick(['h1', 'h"2', 'Đ\\3', words(2)]) : null,
      app: rand() < 0.8 ? pick(['sshd', 'su', words(2)]) : null,
      facility: 4,
      severity: rand() < 0.5 ? 6 : null,
      format: pick(['rfc3164', 'rfc5424', 'raw']),
      message: words(8),
      fields,
      raw: rand() < 0.3 ? new Uint8Array(Buffer.from(words(6), 'utf8')) : null,
      parseError: rand() < 0.2 ? words(3) : null,
    } as PackedEvent;
  });
}

/** What migration 0023 writes (PostgreSQL json_agg/jsonb text): `, ` and `": "`, numbers as stored. */
function pgStyle(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pgStyle).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(cleanText(k))}: ${pgStyle(x)}`)
      .join(', ')}}`;
  if (typeof v === 'string') return JSON.stringify(cleanText(v));
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) > 100) return `${v}.0`;
  return JSON.stringify(v);
}

async function pgJsonBlock(events: PackedEvent[]): Promise<Uint8Array> {
  const tuples = JSON.parse(Buffer.from(await encodeBlock(events, 'json')).toString('utf8'));
  return Buffer.from(pgStyle(tuples), 'utf8');
}

function makeFilter(rand: () => number, events: PackedEvent[]): EventFilter {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const e = pick(events);
  const slice = (s: string) => {
    const a = Math.floor(rand() * (s.length + 1));
    return s.slice(a, a + 1 + Math.floor(rand() * 6));
  };
  const f: EventFilter = { scopePath: null };
  const r = rand();
  if (r < 0.35) f.text = slice(e.message);
  else if (r < 0.45) f.text = slice(JSON.stringify(e.fields));
  else if (r < 0.55) f.text = slice(e.raw ? Buffer.from(e.raw).toString('base64') : 'QWNj');
  else if (r < 0.65) f.text = pick(ATOMS) + (rand() < 0.5 ? pick(ATOMS) : '');
  else if (r < 0.7) f.text = slice(JSON.stringify(e.message));
  if (rand() < 0.15 && e.host) f.host = e.host;
  if (rand() < 0.1 && e.app) f.app = rand() < 0.8 ? e.app : 'nope';
  if (rand() < 0.1) f.format = e.format;
  if (rand() < 0.1) f.from = new Date(e.time.getTime() - 20_000);
  if (rand() < 0.1) f.to = new Date(e.time.getTime() + 20_000);
  const keys = Object.keys(e.fields);
  if (rand() < 0.4 && keys.length > 0) {
    const key = pick(keys);
    const v = e.fields[key];
    const value =
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? rand() < 0.8
          ? v
          : typeof v === 'number'
            ? String(v)
            : v
        : pick([4625, '4625', true] as const);
    f.fields = { [key]: value };
  }
  if (f.text === '') f.text = undefined;
  return f;
}

const summary = (xs: { id: string; message: string; fields: unknown; raw: Uint8Array | null }[]) =>
  xs.map((x) => ({
    id: x.id,
    message: x.message,
    fields: x.fields,
    raw: x.raw && Buffer.from(x.raw).toString('hex'),
  }));

describe('read-side block pruning', () => {
  it.each(['json-deflate', 'json', 'pg-json'] as const)(
    'gives the same events as decode-then-filter on generated %s blocks',
    async (kind) => {
      const rand = seededRandom(kind.length * 7919);
      let matched = 0;
      let rejectedByNeedles = 0;
      for (let b = 0; b < 150; b++) {
        const events = makeEvents(rand, 1 + Math.floor(rand() * 30));
        const encoding = kind === 'pg-json' ? 'json' : kind;
        const data = kind === 'pg-json' ? await pgJsonBlock(events) : await encodeBlock(events, kind);
        const row: BlockRow = {
          id: 7 + b,
          unitId: '00000000-0000-4000-8000-0000000000a1',
          sourceId: null,
          minTime: new Date(0),
          maxTime: new Date(0),
          count: events.length,
          encoding,
          data,
        };
        const stored = await storedEventsOf(row);
        expect(stored).toHaveLength(events.length);
        const json = await blockJson(row.id, encoding, data);
        for (let q = 0; q < 12; q++) {
          const f = makeFilter(rand, events);
          const expected = stored.filter(matcher(f));
          const actual = await matchingEventsOf({ row, json: Promise.resolve(json) }, f);
          expect(summary(actual), `block ${b} filter ${JSON.stringify(f)}`).toEqual(summary(expected));
          expect(actual).toEqual(expected);
          matched += expected.length;
          if (!blockNeedles(f, encoding).every((n) => json.includes(n))) rejectedByNeedles++;
        }
      }
      // The run exercises both outcomes: matches found, and blocks skipped before the parse.
      expect(matched).toBeGreaterThan(100);
      expect(rejectedByNeedles).toBeGreaterThan(100);
    },
  );

  it('finds a needle that is stored only in its escaped form', async () => {
    const [e] = makeEvents(seededRandom(1), 1);
    const tricky = { ...e!, message: 'say "hi"\\ \u0001 ư😀 end', fields: { 'k"ey': 'v\\al', n: 4625 } };
    const data = await encodeBlock([tricky]);
    const json = await blockJson(1, 'json-deflate', data);
    expect(json.includes(Buffer.from('"hi"'))).toBe(false); // only \"hi\" is in the bytes
    const row: BlockRow = {
      ...{ id: 1, unitId: '00000000-0000-4000-8000-0000000000a1', sourceId: null },
      ...{ minTime: new Date(0), maxTime: new Date(0), count: 1, encoding: 'json-deflate', data },
    };
    const found = (f: Partial<EventFilter>) =>
      matchingEventsOf({ row, json: Promise.resolve(json) }, { scopePath: null, ...f }).then(
        (xs) => xs.length,
      );
    expect(await found({ text: 'say "hi"\\ \u0001 ư😀' })).toBe(1);
    expect(await found({ text: '\uD83D' })).toBe(1); // half of the pair: no needle, exact test decides
    expect(await found({ fields: { 'k"ey': 'v\\al' } })).toBe(1);
    expect(await found({ fields: { n: 4625 } })).toBe(1);
    expect(await found({ fields: { n: '4625' } })).toBe(0);
    expect(await found({ text: 'k"ey' })).toBe(0); // in a key name, not in the message
    expect(await found({ text: 'Say' })).toBe(0); // case-sensitive
  });
});

describe('searches through the database, every read path alike', () => {
  let database: Database;
  const events: PackedEvent[] = [];
  const UNITS = ['00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2'];
  beforeAll(async () => {
    database = await createTestDatabase();
    const rand = seededRandom(4242);
    // Twelve blocks over two units and two sources, overlapping in time: the scans merge across them.
    for (let b = 0; b < 12; b++) {
      const batch = makeEvents(rand, 40);
      events.push(...batch);
      await insertEvents(
        database.db,
        batch.map((e) => ({
          ...e,
          unitId: UNITS[b % 2]!,
          sourceId: b % 3 === 0 ? null : '00000000-0000-4000-8000-0000000000d1',
        })),
      );
    }
  });
  afterAll(() => database.close());

  const REFERENCE = { inflateAhead: 0, readSidePruning: false, hexFetch: false };
  async function withTuning<T>(settings: typeof searchTuning, run: () => Promise<T>): Promise<T> {
    const saved = { ...searchTuning };
    Object.assign(searchTuning, settings);
    try {
      return await run();
    } finally {
      Object.assign(searchTuning, saved);
    }
  }

  it('gives the same pages, cursor pages and counts as the plain path', async () => {
    const rand = seededRandom(99);
    let found = 0;
    for (let q = 0; q < 40; q++) {
      const f = { ...makeFilter(rand, events), scopePath: null, unitId: rand() < 0.5 ? UNITS[0] : undefined };
      const order = rand() < 0.5 ? 'asc' : 'desc';
      const run = async () => {
        const first = await searchEvents(database.db, f, 5, 0, order);
        const last = first[first.length - 1];
        const next = last
          ? await searchEvents(database.db, f, 5, 0, order, { time: last.time, id: Number(last.id) })
          : [];
        const deep = await searchEvents(database.db, f, 5, 12, order);
        const count = await countEventsDetailed(database.db, f, 100);
        return { first, next, deep, count };
      };
      const expected = await withTuning(REFERENCE, run);
      expect(await run(), JSON.stringify(f)).toEqual(expected);
      found += expected.first.length + expected.next.length;
    }
    expect(found).toBeGreaterThan(40); // the filters do find events, across pages
  });
});
