import { eq } from 'drizzle-orm';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import type { Incident, OwnerCandidate } from './contract';
import { checkOwner, OWNER_ROLES, ownerUnitIds } from './owner-check';
import { findIncident, findOwnerCandidates } from './queries';
import { incidents } from './schema';
import { addEvent, loadIncidentInScope, toIncident } from './service';

/** Gives the case to someone (or to nobody: null); on the timeline and in the audit trail. */
export async function setOwner(ctx: Ctx, id: string, ownerUserId: string | null): Promise<Incident> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadIncidentInScope(tx, id);
    const owner = ownerUserId ? await checkOwner(tx, row, ownerUserId) : null;
    await tx.db
      .update(incidents)
      .set({ ownerUserId: owner?.id ?? null, updatedAt: new Date() })
      .where(eq(incidents.id, id));
    const text = owner ? `Người phụ trách: ${owner.displayName}` : 'Bỏ người phụ trách';
    await addEvent(tx, id, 'updated', text, { from: row.ownerUserId, to: owner?.id ?? null });
    await recordAudit(tx, {
      action: 'incident.owner',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: { from: row.ownerUserId, to: owner?.id ?? null },
    });
    return toIncident((await findIncident(tx.db, id))!);
  });
}

/** The people the console offers as owner of a case. */
export async function listOwnerCandidates(ctx: Ctx, id: string): Promise<OwnerCandidate[]> {
  const row = await loadIncidentInScope(ctx, id);
  const rows = await findOwnerCandidates(ctx.db, await ownerUnitIds(ctx, row));
  return rows.filter((r) => OWNER_ROLES.has(r.role)).map(({ disabled: _d, ...candidate }) => candidate);
}
