import { eq } from 'drizzle-orm';
import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { enqueueJob } from '../jobs/service';
import { loadUnitInScope } from '../units/service';
import type { FindingPage, FindingQuery, FindingUpdate, SlaPolicy } from './findings-contract';
import { findFindingWithPath, listFindingRows } from './findings-list';
import { loadSla, saveSla } from './findings-queries';
import { VULNS_REMATCH } from './jobs';
import { findings } from './schema';

export async function listFindings(ctx: Ctx, query: FindingQuery): Promise<FindingPage> {
  const now = new Date();
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const { items, total, totalCapped } = await listFindingRows(ctx.db, ctx.unitPath, query, now);
  return {
    items: items.map(({ finding, hostname, unitName, title, epss }) => ({
      ...finding,
      hostname,
      unitName,
      title,
      epss,
      overdue: finding.dueAt < now && (finding.status === 'open' || finding.status === 'in_progress'),
    })),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Moves a finding through the remediation workflow; an accepted risk needs a reason and an end date. */
export async function updateFinding(
  ctx: Ctx,
  id: string,
  input: FindingUpdate,
): Promise<{ id: string; status: string }> {
  if (
    (input.status === 'risk_accepted' && (!input.reason || !input.until)) ||
    (input.status === 'false_positive' && !input.reason)
  ) {
    throw new AppError('FINDING_REASON_REQUIRED');
  }
  return inTransaction(ctx, async (tx) => {
    const found = await findFindingWithPath(tx.db, id);
    if (!found) throw new AppError('FINDING_NOT_FOUND', { findingId: id });
    assertInScope(tx, { id: found.finding.unitId, path: found.unitPath });
    await tx.db
      .update(findings)
      .set({
        status: input.status,
        statusReason: input.reason ?? null,
        statusUntil: input.status === 'risk_accepted' ? (input.until ?? null) : null,
        statusBy: ctx.actor.name,
        statusAt: new Date(),
      })
      .where(eq(findings.id, id));
    await recordAudit(tx, {
      action: 'finding.status',
      targetType: 'finding',
      targetId: id,
      unitId: found.finding.unitId,
      details: {
        cve: found.finding.cve,
        from: found.finding.status,
        to: input.status,
        reason: input.reason,
        until: input.until,
      },
    });
    return { id, status: input.status };
  });
}

export function getSlaPolicy(ctx: Ctx): Promise<SlaPolicy> {
  return loadSla(ctx.db).then(({ exploitedDays, criticalDays, highDays, mediumDays, lowDays }) => ({
    exploitedDays,
    criticalDays,
    highDays,
    mediumDays,
    lowDays,
  }));
}

export async function setSlaPolicy(ctx: Ctx, input: SlaPolicy): Promise<SlaPolicy> {
  await inTransaction(ctx, async (tx) => {
    await saveSla(tx.db, input, ctx.actor.name);
    await recordAudit(tx, {
      action: 'vulns.sla_update',
      targetType: 'sla_policy',
      unitId: null,
      details: { ...input },
    });
    // Due dates follow the policy: the next match recomputes them from each finding's first detection.
    await enqueueJob(tx, { kind: VULNS_REMATCH, payload: {} });
  });
  return input;
}

/** Queues a full re-match (after feeds changed, or on an admin's request). */
export function requestRematch(ctx: Ctx, hostIds?: string[]) {
  return enqueueJob(ctx, { kind: VULNS_REMATCH, payload: hostIds ? { hostIds } : {} });
}
