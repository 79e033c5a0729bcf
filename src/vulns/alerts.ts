import { and, asc, count, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import { hosts } from '../inventory/schema';
import { enqueueJob } from '../jobs/service';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { Alert, AlertCreate } from './alerts-contract';
import { VULNS_REMATCH } from './jobs';
import { findings, nationalAlerts } from './schema';

type AlertRow = typeof nationalAlerts.$inferSelect;

function toAlert(row: AlertRow): Alert {
  const { updatedAt: _u, ...rest } = row;
  return rest;
}

/** Records a national alert (admin). Alerts are nationwide documents: every unit's users may read them. */
export async function createAlert(ctx: Ctx, input: AlertCreate): Promise<Alert> {
  return inTransaction(ctx, async (tx) => {
    const [clash] = await tx.db
      .select({ id: nationalAlerts.id })
      .from(nationalAlerts)
      .where(and(eq(nationalAlerts.issuer, input.issuer), eq(nationalAlerts.number, input.number)));
    if (clash) throw new AppError('ALERT_NUMBER_TAKEN', { issuer: input.issuer, number: input.number });
    const [row] = await tx.db
      .insert(nationalAlerts)
      .values({
        ...input,
        deadline: input.deadline ?? null,
        notes: input.notes ?? null,
        createdBy: ctx.actor.name,
      })
      .returning();
    await recordAudit(tx, {
      action: 'alert.create',
      targetType: 'national_alert',
      targetId: row!.id,
      unitId: null,
      details: { number: input.number, issuer: input.issuer, cves: input.cves.length },
    });
    // Its deadline caps the due dates of the findings it names: the next re-match applies it.
    if (input.deadline) await enqueueJob(tx, { kind: VULNS_REMATCH, payload: {} });
    return toAlert(row!);
  });
}

export async function listAlerts(ctx: Ctx, query: { page: number; pageSize: number }): Promise<Page<Alert>> {
  const rows = await ctx.db
    .select()
    .from(nationalAlerts)
    .orderBy(desc(nationalAlerts.issuedOn), asc(nationalAlerts.number))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(nationalAlerts);
  return { items: rows.map(toAlert), total, page: query.page, pageSize: query.pageSize };
}

export async function getAlert(ctx: Ctx, id: string): Promise<Alert> {
  const [row] = await ctx.db.select().from(nationalAlerts).where(eq(nationalAlerts.id, id));
  if (!row) throw new AppError('ALERT_NOT_FOUND', { alertId: id });
  return toAlert(row);
}

const ACTIVE = ['open', 'in_progress', 'risk_accepted'] as const;

/**
 * Where the alert stands in each unit of the caller's scope: hosts affected (still vulnerable), hosts
 * the data cannot decide, hosts fixed, and hosts that never reported inventory (they cannot be judged).
 */
export async function alertStatus(ctx: Ctx, id: string) {
  const alert = await getAlert(ctx, id);
  const scope = ctx.unitPath ? like(units.path, likePrefix(ctx.unitPath)) : undefined;
  const unitRows = await ctx.db
    .select({ unitId: units.id, unitCode: units.code, unitName: units.name, path: units.path })
    .from(units)
    .where(scope)
    .orderBy(asc(units.path));
  const hostCounts = await ctx.db
    .select({
      unitId: hosts.unitId,
      hosts: count(),
      withoutInventory: sql<number>`count(*) filter (where ${hosts.lastInventoryAt} is null)`.mapWith(Number),
    })
    .from(hosts)
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(scope)
    .groupBy(hosts.unitId);
  const perHost = await ctx.db
    .select({
      unitId: findings.unitId,
      hostId: findings.hostId,
      vulnerable: sql<boolean>`bool_or(${findings.match} = 'vulnerable' and ${inArray(findings.status, [...ACTIVE])})`,
      unknown: sql<boolean>`bool_or(${findings.match} = 'unknown' and ${inArray(findings.status, [...ACTIVE])})`,
      fixed: sql<boolean>`bool_or(${findings.status} = 'fixed')`,
      active: sql<number>`count(*) filter (where ${inArray(findings.status, [...ACTIVE])})`.mapWith(Number),
    })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .where(and(scope, inArray(findings.cve, alert.cves)))
    .groupBy(findings.unitId, findings.hostId);

  const byUnit = new Map(
    unitRows.map((u) => [
      u.unitId,
      {
        ...u,
        hosts: 0,
        hostsWithoutInventory: 0,
        affectedHosts: 0,
        unknownHosts: 0,
        fixedHosts: 0,
        openFindings: 0,
      },
    ]),
  );
  for (const row of hostCounts) {
    const unit = byUnit.get(row.unitId);
    if (unit) Object.assign(unit, { hosts: row.hosts, hostsWithoutInventory: row.withoutInventory });
  }
  for (const row of perHost) {
    const unit = byUnit.get(row.unitId);
    if (!unit) continue;
    if (row.vulnerable) unit.affectedHosts++;
    else if (row.unknown) unit.unknownHosts++;
    else if (row.fixed) unit.fixedHosts++;
    unit.openFindings += row.active;
  }
  // Deadlines are Vietnamese calendar days (UTC+7, no daylight saving), not UTC days.
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  return {
    alert,
    overdue: Boolean(alert.deadline && alert.deadline < today && perHost.some((r) => r.vulnerable)),
    units: [...byUnit.values()].map(({ path: _p, ...u }) => ({
      ...u,
      notAffectedHosts: Math.max(
        0,
        u.hosts - u.hostsWithoutInventory - u.affectedHosts - u.unknownHosts - u.fixedHosts,
      ),
    })),
  };
}
