import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { canonicalJson } from './canonical-json';
import { type Ctx, inTransaction } from './context';
import { auditLog } from './schema';

export const GENESIS_HASH = '0'.repeat(64);
// Serialises appends across connections and nodes, so each row links to the true previous one.
const AUDIT_CHAIN_LOCK = 7_262_002;

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string;
  unitId?: string | null;
  details?: Record<string, unknown>;
};

type ChainedFields = {
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
};

export function hashAuditRow(row: ChainedFields): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        ...row,
        at: row.at.toISOString(),
      }),
    )
    .digest('hex');
}

/** Appends one audit row linked to the previous one, inside the caller's transaction. */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await inTransaction(ctx, async ({ db }) => {
    await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await db
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1);
    const fields: ChainedFields = {
      at: new Date(),
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      unitId: entry.unitId === undefined ? ctx.unitId : entry.unitId,
      ip: ctx.ip,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await db.insert(auditLog).values({
      ...fields,
      actorType: ctx.actor.type,
      hash: hashAuditRow(fields),
    });
  });
}

export type AuditVerdict = {
  ok: boolean;
  rows: number;
  lastId: number | null;
  lastHash: string;
  /** The first row where the chain breaks, and why. */
  brokenAt?: { id: number; reason: 'edited' | 'missing-before' };
};

/**
 * Walks the whole chain in id order. An edited row no longer matches its own hash; a deleted row
 * leaves the next row pointing at a hash that is not its predecessor's.
 */
export async function verifyAuditChain(
  db: Executor,
  onProgress?: (done: number, total: number) => void | Promise<void>,
  batchSize = 5000,
): Promise<AuditVerdict> {
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog);
  let prevHash = GENESIS_HASH;
  let lastId: number | null = null;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(lastId === null ? undefined : gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    for (const row of batch) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          rows,
          lastId,
          lastHash: prevHash,
          brokenAt: { id: row.id, reason: 'missing-before' },
        };
      }
      const expected = hashAuditRow({
        at: row.at,
        actorType: row.actorType,
        actorId: row.actorId,
        actorName: row.actorName,
        unitId: row.unitId,
        ip: row.ip,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: row.details,
        prevHash: row.prevHash,
      });
      if (expected !== row.hash) {
        return { ok: false, rows, lastId, lastHash: prevHash, brokenAt: { id: row.id, reason: 'edited' } };
      }
      prevHash = row.hash;
      lastId = row.id;
      rows++;
    }
    await onProgress?.(rows, total);
    if (batch.length < batchSize) break;
  }
  return { ok: true, rows, lastId, lastHash: prevHash };
}
