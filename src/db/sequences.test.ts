import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import type { Database } from './client';
import { nextSequenceValues } from './sequences';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create sequence probe_seq`);
});
afterAll(async () => {
  await database.close();
});

describe('nextSequenceValues', () => {
  it('returns n distinct ascending values that the sequence never hands out again', async () => {
    const a = await nextSequenceValues(database.db, 'probe_seq', 1000);
    const b = await nextSequenceValues(database.db, 'probe_seq', 3);
    expect(a).toHaveLength(1000);
    expect(new Set(a).size).toBe(1000);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(b[0]!).toBeGreaterThan(a[999]!);
    expect(await nextSequenceValues(database.db, 'probe_seq', 0)).toEqual([]);
  });
  it('refuses a sequence name that is not a plain name', async () => {
    await expect(nextSequenceValues(database.db, 'probe_seq; drop table x', 1)).rejects.toThrow(/identifier/);
  });
});
