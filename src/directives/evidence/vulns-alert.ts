import { z } from 'zod';
import { AppError } from '../../core/errors';
import { alertStatus, getAlert } from '../../vulns/alerts';
import type { EvidenceProvider } from './provider';

const FIGURES = ['hosts', 'affectedHosts', 'fixedHosts', 'unknownHosts', 'hostsWithoutInventory'] as const;

/** "Rà soát lỗ hổng theo cảnh báo 383": per unit, the hosts still affected and the hosts fixed. */
export const vulnsAlertEvidence: EvidenceProvider = {
  kind: 'vulns_alert',
  title: { vi: 'Cảnh báo lỗ hổng quốc gia', en: 'National vulnerability alert' },
  async checkRef(ctx, ref) {
    if (!ref || !z.uuid().safeParse(ref).success) {
      throw new AppError('EVIDENCE_REF_INVALID', { kind: 'vulns_alert', ref: ref ?? '' });
    }
    await getAlert(ctx, ref);
  },
  async load(ctx, ref, units) {
    await this.checkRef(ctx, ref);
    const status = await alertStatus(ctx, ref!);
    const byId = new Map(status.units.map((unit) => [unit.unitId, unit]));
    const totals: Record<string, number> = Object.fromEntries(FIGURES.map((f) => [f, 0]));
    const rows = units.map((unit) => {
      const found = byId.get(unit.id);
      const figures = Object.fromEntries(FIGURES.map((f) => [f, found?.[f] ?? 0]));
      for (const f of FIGURES) totals[f] = (totals[f] ?? 0) + (figures[f] ?? 0);
      const summary =
        ctx.lang === 'vi'
          ? `${figures.fixedHosts} máy đã khắc phục, ${figures.affectedHosts} máy còn lỗ hổng, ${figures.hostsWithoutInventory} máy chưa kiểm kê`
          : `${figures.fixedHosts} hosts fixed, ${figures.affectedHosts} still affected, ${figures.hostsWithoutInventory} without inventory`;
      return { unitId: unit.id, unitName: unit.name, figures, summary };
    });
    return { state: 'live', units: rows, totals };
  },
};
