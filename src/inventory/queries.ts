import { and, asc, count, desc, eq, ilike, isNull, like, lt, or, param, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likeContains, likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { HostQuery, HostSource } from './contract';
import { hostHotfixes, hostSnapshots, hostSoftware, hosts } from './schema';

export type HostRow = typeof hosts.$inferSelect;
export type HostInsert = typeof hosts.$inferInsert;
export type HostSoftwareRow = typeof hostSoftware.$inferSelect;
export type HostHotfixRow = typeof hostHotfixes.$inferSelect;

// Serialises imports into one unit across connections and nodes, so two uploads of a new host cannot
// both create it (hostname identity has no unique index: two machines may share a name).
const INVENTORY_LOCK_CLASS = 7_262_010;

export async function lockUnitInventory(db: Executor, unitId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${INVENTORY_LOCK_CLASS}, hashtext(${unitId}))`);
}

/** A host with its unit's path (for the scope check). */
export async function findHostById(
  db: Executor,
  id: string,
): Promise<{ host: HostRow; unitPath: string } | undefined> {
  const [row] = await db
    .select({ host: hosts, unitPath: units.path })
    .from(hosts)
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(eq(hosts.id, id));
  return row;
}

export async function findHostByMachineId(
  db: Executor,
  unitId: string,
  machineId: string,
): Promise<HostRow | undefined> {
  const [row] = await db
    .select()
    .from(hosts)
    .where(and(eq(hosts.unitId, unitId), eq(hosts.machineId, machineId)));
  return row;
}

/**
 * A host of the unit by name (case-insensitive). `withoutMachineId`: only hosts no collector has
 * identified yet. Several matches (two machines with one name): the most recently inventoried.
 */
export async function findHostByHostname(
  db: Executor,
  unitId: string,
  hostname: string,
  options: { withoutMachineId?: boolean } = {},
): Promise<HostRow | undefined> {
  const [row] = await db
    .select()
    .from(hosts)
    .where(
      and(
        eq(hosts.unitId, unitId),
        sql`lower(${hosts.hostname}) = lower(${hostname})`,
        options.withoutMachineId ? isNull(hosts.machineId) : undefined,
      ),
    )
    .orderBy(sql`${hosts.lastInventoryAt} desc nulls last`, asc(hosts.createdAt))
    .limit(1);
  return row;
}

export async function insertHost(db: Executor, values: HostInsert): Promise<HostRow> {
  const [row] = await db.insert(hosts).values(values).returning();
  return row!;
}

export async function updateHostRow(db: Executor, id: string, values: Partial<HostInsert>): Promise<HostRow> {
  const [row] = await db
    .update(hosts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(hosts.id, id))
    .returning();
  return row!;
}

export async function deleteHostRow(db: Executor, id: string): Promise<void> {
  await db.delete(hosts).where(eq(hosts.id, id));
}

// Rows per INSERT statement: far below PostgreSQL's 65,535 parameters (5 columns a row).
const INSERT_CHUNK = 1000;

export async function replaceHostSoftware(
  db: Executor,
  hostId: string,
  rows: Omit<typeof hostSoftware.$inferInsert, 'hostId' | 'id'>[],
): Promise<void> {
  await db.delete(hostSoftware).where(eq(hostSoftware.hostId, hostId));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insert(hostSoftware).values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, hostId })));
  }
}

export async function replaceHostHotfixes(
  db: Executor,
  hostId: string,
  rows: Omit<typeof hostHotfixes.$inferInsert, 'hostId'>[],
): Promise<void> {
  await db.delete(hostHotfixes).where(eq(hostHotfixes.hostId, hostId));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insert(hostHotfixes).values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, hostId })));
  }
}

/** The hash of the host's newest snapshot from this source (collector and CSV keep separate lines). */
export async function latestSnapshotHash(
  db: Executor,
  hostId: string,
  source: HostSource,
): Promise<string | undefined> {
  const [row] = await db
    .select({ hash: hostSnapshots.contentHash })
    .from(hostSnapshots)
    .where(and(eq(hostSnapshots.hostId, hostId), eq(hostSnapshots.source, source)))
    .orderBy(desc(hostSnapshots.importedAt), desc(hostSnapshots.collectedAt))
    .limit(1);
  return row?.hash;
}

export async function insertSnapshot(db: Executor, values: typeof hostSnapshots.$inferInsert): Promise<void> {
  await db.insert(hostSnapshots).values(values);
}

export async function listHostSoftware(db: Executor, hostId: string) {
  return db
    .select()
    .from(hostSoftware)
    .where(eq(hostSoftware.hostId, hostId))
    .orderBy(asc(hostSoftware.name), asc(hostSoftware.id));
}

export async function listHostHotfixes(db: Executor, hostId: string) {
  return db.select().from(hostHotfixes).where(eq(hostHotfixes.hostId, hostId)).orderBy(asc(hostHotfixes.kb));
}

export async function listHostSnapshots(db: Executor, hostId: string, limit: number) {
  return db
    .select({
      id: hostSnapshots.id,
      source: hostSnapshots.source,
      collectedAt: hostSnapshots.collectedAt,
      importedAt: hostSnapshots.importedAt,
      contentHash: hostSnapshots.contentHash,
    })
    .from(hostSnapshots)
    .where(eq(hostSnapshots.hostId, hostId))
    .orderBy(desc(hostSnapshots.importedAt), desc(hostSnapshots.collectedAt))
    .limit(limit);
}

export async function listHostRows(
  db: Executor,
  scopePath: string | null,
  query: HostQuery & { unitPath?: string | undefined },
  now: Date = new Date(),
) {
  const q = query.q?.toLowerCase();
  const filters: (SQL | undefined)[] = [
    scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
    query.unitPath ? like(units.path, likePrefix(query.unitPath)) : undefined,
    query.build !== undefined ? eq(hosts.build, query.build) : undefined,
    query.criticality ? eq(hosts.criticality, query.criticality) : undefined,
    query.staleDays !== undefined
      ? or(
          isNull(hosts.lastInventoryAt),
          lt(hosts.lastInventoryAt, new Date(now.getTime() - query.staleDays * 86_400_000)),
        )
      : undefined,
    q
      ? or(
          like(sql`lower(${hosts.hostname})`, likeContains(q)),
          sql`exists (select 1 from unnest(${hosts.ips}) as ip where ip like ${likePrefix(q)})`,
        )
      : undefined,
  ];
  const where = and(...filters);
  // One after the other: inside a transaction both would share one connection (pg refuses overlap).
  const items = await db
    .select({ host: hosts })
    .from(hosts)
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(where)
    .orderBy(asc(sql`lower(${hosts.hostname})`), asc(hosts.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(hosts)
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(where);
  return { items: items.map((r) => r.host), total };
}

// ---- Batch reads for the matcher: three queries whatever the number of hosts -----------------------

const ID_CHUNK = 5000;

async function chunked<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) out.push(...(await read(ids.slice(i, i + ID_CHUNK))));
  return out;
}

/**
 * `column = any($1::uuid[])`: one array parameter instead of one per id (building and checking 2,000
 * placeholders a step was a measurable share of a steady-state re-match's Node CPU).
 */
const anyId = (
  column: typeof hosts.id | typeof hostSoftware.hostId | typeof hostHotfixes.hostId,
  ids: string[],
) => sql`${column} = any(${param(ids)}::uuid[])`;

export async function selectHostsByIds(db: Executor, ids: string[]): Promise<HostRow[]> {
  return chunked(ids, (chunk) => db.select().from(hosts).where(anyId(hosts.id, chunk)));
}

/** `namePrefix` (case-insensitive) reads only the programs a caller looks at, e.g. "Microsoft Office". */
export async function selectSoftwareByHostIds(db: Executor, ids: string[], namePrefix?: string) {
  return chunked(ids, (chunk) =>
    db
      .select({
        hostId: hostSoftware.hostId,
        name: hostSoftware.name,
        version: hostSoftware.version,
        publisher: hostSoftware.publisher,
      })
      .from(hostSoftware)
      .where(
        and(
          anyId(hostSoftware.hostId, chunk),
          namePrefix ? ilike(hostSoftware.name, `${namePrefix.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
        ),
      )
      .orderBy(asc(hostSoftware.id)),
  );
}

export async function selectHotfixesByHostIds(db: Executor, ids: string[]) {
  return chunked(ids, (chunk) =>
    db
      .select({ hostId: hostHotfixes.hostId, kb: hostHotfixes.kb })
      .from(hostHotfixes)
      .where(anyId(hostHotfixes.hostId, chunk))
      .orderBy(asc(hostHotfixes.kb)),
  );
}

/** Every host in a subtree (path prefix), or everywhere (null). */
export async function selectHostsUnderPath(db: Executor, path: string | null): Promise<HostRow[]> {
  const rows = await db
    .select({ host: hosts })
    .from(hosts)
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(path ? like(units.path, likePrefix(path)) : undefined)
    .orderBy(asc(hosts.id));
  return rows.map((r) => r.host);
}

export async function selectSoftwareUnderPath(db: Executor, path: string | null) {
  return db
    .select({
      hostId: hostSoftware.hostId,
      name: hostSoftware.name,
      version: hostSoftware.version,
      publisher: hostSoftware.publisher,
    })
    .from(hostSoftware)
    .innerJoin(hosts, eq(hosts.id, hostSoftware.hostId))
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(path ? like(units.path, likePrefix(path)) : undefined)
    .orderBy(asc(hostSoftware.id));
}

export async function selectHotfixesUnderPath(db: Executor, path: string | null) {
  return db
    .select({ hostId: hostHotfixes.hostId, kb: hostHotfixes.kb })
    .from(hostHotfixes)
    .innerJoin(hosts, eq(hosts.id, hostHotfixes.hostId))
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(path ? like(units.path, likePrefix(path)) : undefined)
    .orderBy(asc(hostHotfixes.kb));
}
