import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Executor } from '../../src/db/client';

/**
 * Bench support, not product code: the event-storage bench compares these against the block writer.
 * Bulk writes through COPY (docs/decisions/006-event-write-path.md): 3-5x cheaper per row than an
 * INSERT of unnest()ed arrays on both engines, because no parameter is serialised, parsed and
 * unnested. The one difference between the engines is how the rows reach the server, and it lives
 * here: PGlite reads them from its `/dev/blob` device, node-postgres streams them as `FROM STDIN`
 * (pg-copy-streams). The caller builds the rows in COPY's text format with `copyField`.
 */

/** The PGlite call that takes a blob (the PGlite instance or one of its transactions). */
type PgliteLike = {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
};

// Drizzle keeps the driver's client (PGlite, its transaction, a pg Pool or PoolClient) on the session;
// it is not public API, so this is the one place that reaches for it and it checks what it finds.
function driverClient(executor: Executor): unknown {
  const client = (executor as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('bulk copy: no driver client on this executor');
  return client;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
  return `copy ${table} (${columns.join(', ')}) from ${source}`;
}

/**
 * Appends `text` (rows in COPY text format, each ending in LF) to `table`. Runs inside the caller's
 * transaction when given one, so a failure writes nothing.
 */
export async function copyRows(
  executor: Executor,
  table: string,
  columns: readonly string[],
  text: string,
): Promise<void> {
  if (text === '') return;
  const client = driverClient(executor);
  if (client instanceof pg.Pool) {
    const conn = await client.connect();
    try {
      await copyThroughPg(conn, copyStatement(table, columns, 'stdin'), text);
    } finally {
      conn.release();
    }
    return;
  }
  if (client instanceof pg.Client) {
    await copyThroughPg(client, copyStatement(table, columns, 'stdin'), text);
    return;
  }
  const lite = client as PgliteLike;
  if (typeof lite.query !== 'function') throw new Error('bulk copy: unknown driver client');
  await lite.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([text]) });
}

async function copyThroughPg(client: pg.PoolClient | pg.Client, statement: string, text: string) {
  const stream = client.query(copyFrom(statement));
  await pipeline(
    (async function* () {
      yield Buffer.from(text, 'utf8');
    })(),
    stream,
  );
}

const SPECIAL = /[\\\t\n\r]/;

/**
 * One field in COPY text format: null becomes `\N`; backslash, tab, LF and CR are escaped (they are
 * COPY's own delimiters). Strings without them, the usual case, pass through untouched.
 */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!SPECIAL.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else out += value[i];
  }
  return out;
}

/** A bytea field in COPY text format (hex input, its backslash escaped for COPY). */
export function copyBytea(bytes: Uint8Array | null): string {
  return bytes
    ? `\\\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`
    : '\\N';
}
