import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBytea, copyField, copyRows } from '../bench/support/bulk-copy';
import type { Database } from '../src/db/client';
import { createTestDatabase } from './database';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(
    sql`create table copy_probe (id bigserial primary key, t text, n smallint, j jsonb, b bytea)`,
  );
});
afterAll(async () => {
  await database.close();
});

const rows = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

describe('copyField', () => {
  it('escapes exactly the COPY delimiters and writes null as \\N', () => {
    expect(copyField('plain text')).toBe('plain text');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(7)).toBe('7');
    expect(copyBytea(new Uint8Array([0, 255, 16]))).toBe('\\\\x00ff10');
  });
});

describe('copyRows', () => {
  it('stores every awkward value as it was, inside the caller transaction', async () => {
    const values = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N \\.', 'Tiếng Việt 🛡', '\\N', ''];
    const text = values
      .map(
        (v, i) =>
          `${copyField(v)}\t${i}\t${copyField(JSON.stringify({ v }))}\t${copyBytea(new Uint8Array([i, 0x5c]))}\n`,
      )
      .join('');
    await database.db.transaction((tx) => copyRows(tx, 'copy_probe', ['t', 'n', 'j', 'b'], text));
    const stored = rows(
      await database.db.execute(
        sql`select t, n, j->>'v' as jv, encode(b, 'hex') as hex from copy_probe order by n`,
      ),
    );
    expect(stored.map((r) => r.t)).toEqual(values);
    expect(stored.map((r) => r.jv)).toEqual(values);
    expect(stored.map((r) => r.hex)).toEqual(values.map((_v, i) => `0${i}5c`));
  });

  it('writes nothing when one row is bad and the transaction fails', async () => {
    await database.db.execute(sql`truncate copy_probe`);
    const text = `fine\t1\t{}\t\\N\nbroken\tnot-a-number\t{}\t\\N\n`;
    await expect(
      database.db.transaction((tx) => copyRows(tx, 'copy_probe', ['t', 'n', 'j', 'b'], text)),
    ).rejects.toThrow();
    expect(rows(await database.db.execute(sql`select count(*)::int as c from copy_probe`))[0]!.c).toBe(0);
  });

  it('also works on the database handle itself (outside a transaction)', async () => {
    await copyRows(database.db, 'copy_probe', ['t'], 'outside\n');
    expect(rows(await database.db.execute(sql`select t from copy_probe`)).map((r) => r.t)).toEqual([
      'outside',
    ]);
  });

  it('refuses identifiers that are not plain names', async () => {
    await expect(copyRows(database.db, 'copy_probe; drop table x', ['t'], 'a\n')).rejects.toThrow(
      /identifier/,
    );
  });
});
