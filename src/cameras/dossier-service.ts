import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { renderDocx } from '../documents/render-docx';
import { findUnitById } from '../units/queries';
import { loadAssessment, toAssessment } from './assessments-service';
import { systemCompliance } from './compliance';
import type { DossierQuery } from './contract';
import { buildDossier, type DossierInput } from './dossier';
import { cameraModelsOfSystem, findScope } from './queries';
import { getSystem } from './systems-service';

/** /24 (IPv4) networks the system's cameras use, then the unit's registered scan ranges. */
function networksOf(ips: string[], scopeCidrs: string[]): string[] {
  const nets = new Set<string>();
  for (const ip of ips) {
    const parts = ip.split('.');
    if (parts.length === 4) nets.add(`${parts.slice(0, 3).join('.')}.0/24`);
  }
  for (const cidr of scopeCidrs) nets.add(cidr);
  return [...nets].sort();
}

/** Gathers what the dossier prints; refuses when the unit's document settings are missing. */
export async function dossierInput(
  ctx: Ctx,
  systemId: string,
  assessmentId: string,
  query: DossierQuery,
): Promise<DossierInput> {
  const assessment = toAssessment(await loadAssessment(ctx, systemId, assessmentId));
  const system = await getSystem(ctx, systemId);
  const unit = (await findUnitById(ctx.db, system.unitId))!;
  const missing = [!unit.issuerName && 'issuerName', !unit.placeName && 'placeName'].filter(Boolean);
  if (missing.length > 0) throw new AppError('DOSSIER_SETTINGS_MISSING', { fields: missing.join(', ') });
  const models = await cameraModelsOfSystem(ctx.db, systemId);
  const scope = await findScope(ctx.db, system.unitId);
  const compliance = await systemCompliance(ctx, system, system.inventoryCameras);
  return {
    unit: {
      name: unit.name,
      issuerParentName: unit.issuerParentName,
      issuerName: unit.issuerName!,
      placeName: unit.placeName!,
      signerAuthority: unit.signerAuthority,
      signerTitle: unit.signerTitle,
    },
    system,
    assessment,
    models,
    networks: networksOf(
      models.flatMap((m) => m.ips),
      scope?.cidrs ?? [],
    ),
    compliance,
    signerName: query.signerName,
    symbol: query.symbol,
    drafter: query.drafter,
  };
}

/** The proposal dossier as DOCX (Decree 30/2020 layout), numbered and dated by hand at signing. */
export async function renderAssessmentDossier(
  ctx: Ctx,
  systemId: string,
  assessmentId: string,
  query: DossierQuery,
  now = new Date(),
): Promise<{ fileName: string; content: Buffer }> {
  const input = await dossierInput(ctx, systemId, assessmentId, query);
  const content = await renderDocx(buildDossier(input), { now });
  return { fileName: `ho-so-de-xuat-cap-do-${input.system.name}.docx`, content };
}
