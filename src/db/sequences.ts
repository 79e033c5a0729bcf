import { sql } from 'drizzle-orm';
import type { Executor } from './client';

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Takes `n` values of a sequence in one round trip, ascending. On PGlite (one connection) they are
 * consecutive; on PostgreSQL other sessions may interleave, which is why each value is returned.
 */
export async function nextSequenceValues(executor: Executor, sequence: string, n: number): Promise<number[]> {
  if (n <= 0) return [];
  if (!IDENT.test(sequence)) throw new Error(`bad identifier ${sequence}`);
  const result = (await executor.execute(sql`
    select array_to_string(array_agg(v order by v), ',') as ids
    from (select nextval(${sequence}::regclass) as v from generate_series(1, ${n}::int)) s`)) as unknown as {
    rows: { ids: string }[];
  };
  const ids = result.rows[0]!.ids.split(',').map(Number);
  if (ids.length !== n) throw new Error('sequence returned the wrong number of values');
  return ids;
}
