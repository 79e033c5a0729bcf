import type { Ctx } from '../core/context';
import { findUnitById } from '../units/queries';
import { findIndicators } from './queries';
import { loadIncidentInScope, toIncident } from './service';
import { toMispEvent, toStixBundle } from './sharing';

async function caseAndIndicators(ctx: Ctx, id: string) {
  const row = await loadIncidentInScope(ctx, id);
  const unit = (await findUnitById(ctx.db, row.unitId))!;
  return {
    incident: toIncident(row),
    indicators: await findIndicators(ctx.db, id),
    org: { id: unit.id, name: unit.name },
  };
}

export async function exportStix(ctx: Ctx, id: string) {
  const { incident, indicators, org } = await caseAndIndicators(ctx, id);
  return toStixBundle(incident, indicators, org);
}

export async function exportMisp(ctx: Ctx, id: string) {
  const { incident, indicators, org } = await caseAndIndicators(ctx, id);
  return toMispEvent(incident, indicators, org);
}
