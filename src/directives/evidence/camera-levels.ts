import { approvedLevelsOfUnits } from '../../cameras/queries';
import type { EvidenceProvider } from './provider';

/** Levels of Decree 85/2016 (1 to 5): one figure per level, so the report can say "2 systems at level 2". */
const LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * "Xác định cấp độ hệ thống camera giám sát" (Directive 23/CT-TTg): per unit, its camera systems, how many
 * have an approved level, and which level. Only approved levels count: a proposal is not a determination.
 */
export const cameraLevelsEvidence: EvidenceProvider = {
  kind: 'camera_levels',
  title: { vi: 'Cấp độ hệ thống camera giám sát', en: 'Camera system security levels' },
  async checkRef() {},
  async load(ctx, _ref, units) {
    const systems = await approvedLevelsOfUnits(
      ctx.db,
      units.map((u) => u.id),
    );
    const totals: Record<string, number> = { systems: 0, approvedSystems: 0, pendingSystems: 0 };
    for (const level of LEVELS) totals[`level${level}`] = 0;
    const rows = units.map((unit) => {
      const own = systems.filter((s) => s.unitId === unit.id);
      const approved = own.filter((s) => s.level !== null);
      const figures: Record<string, number> = {
        systems: own.length,
        approvedSystems: approved.length,
        pendingSystems: own.length - approved.length,
      };
      for (const level of LEVELS) figures[`level${level}`] = approved.filter((s) => s.level === level).length;
      for (const [key, value] of Object.entries(figures)) totals[key] = (totals[key] ?? 0) + value;
      const list = approved
        .map((s) => `${s.name}: ${ctx.lang === 'vi' ? 'cấp độ' : 'level'} ${s.level}`)
        .join('; ');
      const summary =
        ctx.lang === 'vi'
          ? `${approved.length}/${own.length} hệ thống đã được phê duyệt cấp độ${list ? ` (${list})` : ''}`
          : `${approved.length} of ${own.length} systems have an approved level${list ? ` (${list})` : ''}`;
      return { unitId: unit.id, unitName: unit.name, figures, summary };
    });
    return { state: 'live', units: rows, totals };
  },
};
