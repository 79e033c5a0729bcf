import { findUnitById } from '../../units/queries';
import { dutyNow } from '../../watch/oncall/on-duty-now';
import type { EvidenceProvider } from './provider';

/**
 * "Trực giám sát 24/7": per unit, whether a roster covers it (its own or its nearest ancestor's, as
 * alerts escalate) and who is on duty now. Figures: covered, ownRoster, onDuty (each 0 or 1).
 */
export const watchRosterEvidence: EvidenceProvider = {
  kind: 'watch_roster',
  title: { vi: 'Lịch trực giám sát 24/7', en: '24/7 watch roster' },
  async checkRef() {},
  async load(ctx, _ref, units) {
    const vi = ctx.lang === 'vi';
    const totals: Record<string, number> = { covered: 0, ownRoster: 0, onDuty: 0 };
    const now = new Date();
    const rows = [];
    for (const unit of units) {
      const row = await findUnitById(ctx.db, unit.id);
      const duty = row ? await dutyNow(ctx, row.path, now) : undefined;
      const figures = {
        covered: duty ? 1 : 0,
        ownRoster: duty?.roster.unitId === unit.id ? 1 : 0,
        onDuty: duty?.person ? 1 : 0,
      };
      for (const [key, value] of Object.entries(figures)) totals[key] = (totals[key] ?? 0) + value;
      rows.push({ unitId: unit.id, unitName: unit.name, figures, summary: rosterSummary(vi, unit.id, duty) });
    }
    return { state: 'live', units: rows, totals };
  },
};

function rosterSummary(vi: boolean, unitId: string, duty: Awaited<ReturnType<typeof dutyNow>>): string {
  if (!duty) return vi ? 'Chưa có lịch trực' : 'No watch roster';
  const whose =
    duty.roster.unitId === unitId
      ? vi
        ? `Lịch trực "${duty.roster.name}" của đơn vị`
        : `Own roster "${duty.roster.name}"`
      : vi
        ? `Lịch trực "${duty.roster.name}" của đơn vị cấp trên`
        : `Parent unit's roster "${duty.roster.name}"`;
  const who = duty.person
    ? vi
      ? `đang trực: ${duty.person.displayName}`
      : `on duty now: ${duty.person.displayName}`
    : vi
      ? 'hiện không có ai trực'
      : 'nobody on duty now';
  return `${whose}, ${who}`;
}
