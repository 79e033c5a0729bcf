import type { Ctx } from '../../core/context';
import type { Lang } from '../../core/errors';
import type { EvidenceKind } from '../contract';

export type EvidenceUnitInput = { id: string; name: string };

/** What one provider returns for the units a task was given to. */
export type EvidenceResult = {
  state: 'live' | 'placeholder';
  units: { unitId: string; unitName: string; figures: Record<string, number>; summary: string }[];
  totals: Record<string, number>;
};

/**
 * A source of live evidence for a task ("review the vulnerabilities of alert 383" → the unit's affected and
 * fixed hosts). One file per provider; the registry lists them. A capability that is not built yet ships a
 * placeholder, which its own issue replaces by the real one (same file, same kind).
 */
export type EvidenceProvider = {
  kind: EvidenceKind;
  title: Record<Lang, string>;
  /** Refuses a reference the provider cannot use (EVIDENCE_REF_INVALID); called when a task is saved. */
  checkRef(ctx: Ctx, ref: string | null): Promise<void>;
  load(ctx: Ctx, ref: string | null, units: readonly EvidenceUnitInput[]): Promise<EvidenceResult>;
};

/** A provider for a capability still to come: it says so per unit, with no figures. */
export function placeholderProvider(kind: EvidenceKind, title: Record<Lang, string>): EvidenceProvider {
  return {
    kind,
    title,
    async checkRef() {},
    async load(ctx, _ref, units) {
      const summary =
        ctx.lang === 'vi'
          ? 'Chưa có dữ liệu: chức năng này sẽ được bổ sung'
          : 'No data yet: capability to come';
      return {
        state: 'placeholder',
        units: units.map((unit) => ({ unitId: unit.id, unitName: unit.name, figures: {}, summary })),
        totals: {},
      };
    },
  };
}
