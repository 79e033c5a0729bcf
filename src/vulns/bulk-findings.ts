import { performance } from 'node:perf_hooks';
import { param, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { ShapeRow } from './rematch-rows';

/**
 * The write path of a re-match, by shape (docs/decisions/004-findings-by-shape.md). Hosts whose
 * verdict sets are equal share a shape; a shape's rows travel to the database once, into a temporary
 * table, with one (host, unit, shape) row per rewritten host, and the findings are expanded there by
 * `insert … select` joining the two. What crossed the wire once per finding (~6 µs a row in
 * serialisation and array parsing alone) now crosses once per shape.
 *
 * The temporary tables live until the end of the re-match's transaction (`on commit drop`).
 */
const SHAPE_ROWS = sql.raw('rematch_shape_rows');
const HOST_SHAPES = sql.raw('rematch_host_shapes');

export async function openShapeTables(db: Executor): Promise<void> {
  await db.execute(sql`drop table if exists ${SHAPE_ROWS}`);
  await db.execute(sql`drop table if exists ${HOST_SHAPES}`);
  await db.execute(sql`
    create temp table ${SHAPE_ROWS} (
      shape int not null, cve text not null, product_name text not null, match text not null,
      severity text not null, cvss_score real, exploited boolean not null, fix_kb text, fixed_build text,
      observed text, rule text not null, confidence text not null, reason text, due_days int not null,
      primary key (shape, cve, product_name)) on commit drop`);
  await db.execute(sql`
    create temp table ${HOST_SHAPES} (host_id uuid primary key, unit_id uuid not null, shape int not null)
    on commit drop`);
}

const BATCH = 5000;

/** Sends the rows of shapes not sent yet in this run. */
export async function sendShapeRows(db: Executor, rows: { shape: number; row: ShapeRow }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    const column = <T>(pick: (r: ShapeRow) => T) => param(part.map((p) => pick(p.row)));
    await db.execute(sql`
      insert into ${SHAPE_ROWS}
      select * from unnest(${param(part.map((p) => p.shape))}::int[], ${column((r) => r.cve)}::text[],
        ${column((r) => r.productName)}::text[], ${column((r) => r.match)}::text[],
        ${column((r) => r.severity)}::text[], ${column((r) => r.cvssScore)}::real[],
        ${column((r) => r.exploited)}::boolean[], ${column((r) => r.fixKb)}::text[],
        ${column((r) => r.fixedBuild)}::text[], ${column((r) => r.observed)}::text[],
        ${column((r) => r.rule)}::text[], ${column((r) => r.confidence)}::text[],
        ${column((r) => r.reason)}::text[], ${column((r) => r.dueDays)}::int[])`);
  }
}

export type HostShape = { hostId: string; unitId: string; shape: number };

/** Records which shape each rewritten host has. */
export async function sendHostShapes(db: Executor, hosts: HostShape[]): Promise<void> {
  for (let i = 0; i < hosts.length; i += BATCH * 2) {
    const part = hosts.slice(i, i + BATCH * 2);
    await db.execute(sql`
      insert into ${HOST_SHAPES}
      select * from unnest(${param(part.map((h) => h.hostId))}::uuid[], ${param(part.map((h) => h.unitId))}::uuid[],
        ${param(part.map((h) => h.shape))}::int[])`);
  }
}

const COLUMNS = sql`host_id, unit_id, cve, product_name, match, severity, cvss_score, exploited, fix_kb,
  fixed_build, observed, rule, confidence, reason, due_at, first_seen_at, last_seen_at`;

function expansion(at: string) {
  return sql`
    select h.host_id, h.unit_id, r.cve, r.product_name, r.match, r.severity, r.cvss_score, r.exploited,
      r.fix_kb, r.fixed_build, r.observed, r.rule, r.confidence, r.reason,
      ${at}::timestamptz + r.due_days * interval '1 day', ${at}::timestamptz, ${at}::timestamptz
    from ${HOST_SHAPES} h join ${SHAPE_ROWS} r on r.shape = h.shape`;
}

/** Temporary tables are never analysed by autovacuum: without statistics the join is planned blind. */
async function analyseShapeTables(db: Executor): Promise<void> {
  await db.execute(sql`analyze ${SHAPE_ROWS}`);
  await db.execute(sql`analyze ${HOST_SHAPES}`);
}

/**
 * Inserts new findings and refreshes the ones seen again, for every host sent. A fixed finding that
 * shows up again is reopened; an expired risk acceptance returns to open; any other workflow status is
 * kept. A row that would not change is not written (no new row version, no index entries).
 */
export async function upsertShapeFindings(db: Executor, runStart: Date): Promise<void> {
  await analyseShapeTables(db);
  await db.execute(sql`
    insert into findings (${COLUMNS}) ${expansion(runStart.toISOString())}
    on conflict (host_id, cve, product_name) do update set
      unit_id = excluded.unit_id, match = excluded.match, severity = excluded.severity,
      cvss_score = excluded.cvss_score, exploited = excluded.exploited, fix_kb = excluded.fix_kb,
      fixed_build = excluded.fixed_build, observed = excluded.observed, rule = excluded.rule,
      confidence = excluded.confidence, reason = excluded.reason, last_seen_at = excluded.last_seen_at,
      -- The due date keeps counting from the first detection, under today's policy and severity.
      due_at = findings.first_seen_at + (excluded.due_at - excluded.first_seen_at),
      fixed_at = case when findings.status = 'fixed' then null else findings.fixed_at end,
      status = case
        when findings.status = 'fixed' then 'open'
        when findings.status = 'risk_accepted' and findings.status_until < current_date then 'open'
        else findings.status end
    where findings.status = 'fixed'
      or (findings.status = 'risk_accepted' and findings.status_until < current_date)
      or (findings.unit_id, findings.match, findings.severity, findings.cvss_score, findings.exploited,
          findings.fix_kb, findings.fixed_build, findings.observed, findings.rule, findings.confidence,
          findings.reason, findings.due_at)
        is distinct from (excluded.unit_id, excluded.match, excluded.severity, excluded.cvss_score,
          excluded.exploited, excluded.fix_kb, excluded.fixed_build, excluded.observed, excluded.rule,
          excluded.confidence, excluded.reason, findings.first_seen_at + (excluded.due_at - excluded.first_seen_at))`);
}

/** True when no finding is stored at all: the first re-match of an installation. */
export async function findingsEmpty(db: Executor): Promise<boolean> {
  const result = (await db.execute(sql`select not exists (select 1 from findings) as empty`)) as unknown as {
    rows: { empty: boolean }[];
  };
  return result.rows[0]?.empty === true;
}

/**
 * The first load into an empty findings table: its secondary indexes are dropped, the rows inserted
 * plainly (no conflict is possible: the table is empty and each host's rows are deduped), and the
 * indexes rebuilt from their own catalogue definitions, all in the caller's transaction. Building an
 * index by one sort costs a fraction of maintaining it row by row. The table is empty, so the lock
 * this takes hides nothing from readers: they wait for the commit and then see every finding.
 */
export async function firstLoadShapeFindings(
  db: Executor,
  runStart: Date,
): Promise<{ insertMs: number; indexMs: number }> {
  await analyseShapeTables(db);
  const indexes = (await db.execute(sql`
    select c.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x join pg_class c on c.oid = x.indexrelid
    where x.indrelid = 'findings'::regclass
      and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
    order by c.relname`)) as unknown as { rows: { name: string; definition: string }[] };
  const key = await droppablePrimaryKey(db);
  for (const index of indexes.rows) await db.execute(sql`drop index ${sql.identifier(index.name)}`);
  if (key) await db.execute(sql`alter table findings drop constraint ${sql.identifier(key.name)}`);
  const started = performance.now();
  await db.execute(sql`insert into findings (${COLUMNS}) ${expansion(runStart.toISOString())}`);
  const inserted = performance.now();
  // The definitions come from PostgreSQL's own catalogue, not from input.
  if (key)
    await db.execute(
      sql`alter table findings add constraint ${sql.identifier(key.name)} ${sql.raw(key.definition)}`,
    );
  for (const index of indexes.rows) await db.execute(sql.raw(index.definition));
  return { insertMs: inserted - started, indexMs: performance.now() - inserted };
}

/**
 * The primary key, unless a foreign key elsewhere references findings (dropping it would then fail):
 * random UUIDs inserted one by one into a key larger than the buffer cache are a large share of a
 * first load; one sort builds it far cheaper.
 */
async function droppablePrimaryKey(db: Executor): Promise<{ name: string; definition: string } | undefined> {
  const result = (await db.execute(sql`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = 'findings'::regclass and contype = 'p'
      and not exists (select 1 from pg_constraint r where r.confrelid = 'findings'::regclass)`)) as unknown as {
    rows: { name: string; definition: string }[];
  };
  return result.rows[0];
}

/**
 * Findings of the rewritten hosts that this run did not see again: the host is fixed (or no longer
 * affected). Decided by key against the shapes, in the database.
 */
export async function closeUnseenShapeFindings(db: Executor, runStart: Date): Promise<number> {
  const result = (await db.execute(sql`
    update findings f set status = 'fixed', fixed_at = ${runStart.toISOString()}::timestamptz
    from ${HOST_SHAPES} h
    where f.host_id = h.host_id and f.status in ('open', 'in_progress', 'risk_accepted')
      and not exists (select 1 from ${SHAPE_ROWS} r
        where r.shape = h.shape and r.cve = f.cve and r.product_name = f.product_name)`)) as unknown as {
    rowCount?: number | null;
    affectedRows?: number;
  };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}

/**
 * A national alert's deadline caps the due date of the findings it names (the end of that day, Vietnam
 * time: alerts are Vietnamese documents). Runs after the upsert, on the hosts just written.
 */
export async function capShapeDueDatesByAlerts(db: Executor): Promise<void> {
  await db.execute(sql`
    update findings f set due_at = d.due
    from (select cve, (min(deadline)::text || 'T23:59:59+07:00')::timestamptz as due
          from national_alerts, jsonb_array_elements_text(cves) as cve
          where deadline is not null group by cve) d, ${HOST_SHAPES} h
    where f.cve = d.cve and f.host_id = h.host_id and f.due_at > d.due`);
}
