import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import { loadUnitInScope } from '../../units/service';
import { compileUnitFilters, loadSigmaYaml } from '../sigma';
import { announceRulesChanged, notifyRulesChanged } from './changes';
import type { SigmaBulkSwitch, SigmaRuleQuery, SigmaUnitRuleRow, SigmaUnitTuning } from './contract';
import { findRule, listRules } from './queries';
import { reasonLabel } from './rule-files';
import { hasTag, hasTechnique, isEmptySelection, selects } from './selection';
import { setPlatformEnabled, toRow } from './service';
import {
  deleteFilter,
  filtersOf,
  insertFilter,
  placeholdersOf,
  savePlaceholders,
  setUnitStates,
  unitStatesOf,
} from './tuning-queries';
import { ancestorsOf, effectiveEnabled, mergePlaceholders } from './unit-context';

/** The rules, optionally as one unit sees them (its own switch, and whether each runs there). */
export async function listSigmaRules(ctx: Ctx, query: Partial<SigmaRuleQuery> = {}) {
  const unit = query.unitId ? await loadUnitInScope(ctx, query.unitId) : undefined;
  const rows = await listRules(ctx.db, {
    level: query.level,
    q: query.q,
    enabled: unit ? undefined : query.enabled,
  });
  const ancestors = unit ? ancestorsOf(unit.path) : [];
  const switches = new Map<string, Map<string, boolean>>();
  for (const s of await unitStatesOf(ctx.db, ancestors))
    switches.set(s.ruleRowId, (switches.get(s.ruleRowId) ?? new Map()).set(s.unitId, s.enabled));
  const items: SigmaUnitRuleRow[] = [];
  for (const row of rows) {
    if (query.tag && !hasTag(row.tags, query.tag)) continue;
    if (query.technique && !hasTechnique(row.tags, query.technique)) continue;
    const own = unit ? (switches.get(row.id)?.get(unit.id) ?? null) : null;
    const effective = unit ? effectiveEnabled(row.enabled, switches.get(row.id), ancestors) : row.enabled;
    if (unit && query.enabled !== undefined && effective !== query.enabled) continue;
    items.push({ ...toRow(row), unitEnabled: own, effectiveEnabled: effective });
  }
  return { items: items.slice(0, query.limit ?? 500), total: items.length };
}

/** A unit's own switch for one rule (null: inherit from the units above, then the platform). */
export async function setUnitRuleSwitch(ctx: Ctx, id: string, unitId: string, enabled: boolean | null) {
  await inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, unitId);
    const rule = await findRule(tx.db, id);
    if (!rule) throw new AppError('SIGMA_RULE_NOT_FOUND', { id });
    await setUnitStates(tx.db, unit.id, [rule.id], enabled, tx.actor.name);
    await recordAudit(tx, {
      action: 'sigma_rule.unit_switch',
      targetType: 'sigma_rule',
      targetId: rule.id,
      unitId: unit.id,
      details: { ruleId: rule.ruleId, enabled },
    });
    await announceRulesChanged(tx.db);
  });
  notifyRulesChanged();
  const { items } = await listSigmaRules(ctx, { unitId, q: (await findRule(ctx.db, id))!.ruleId });
  return items[0]!;
}

/**
 * Switches every rule a selection names (level, tag, ATT&CK technique, ids, all): for one unit, or
 * platform-wide (admins). One transaction; one audit row listing the rules.
 */
export async function bulkSwitch(ctx: Ctx, input: SigmaBulkSwitch): Promise<{ changed: number }> {
  if (isEmptySelection(input.select)) throw new AppError('SIGMA_SELECTION_EMPTY');
  const chosen = (await listRules(ctx.db)).filter((r) => selects(r, input.select));
  const ids = chosen.map((r) => r.id);
  if (!input.unitId) {
    // The platform-wide flag is an admin's, like PATCH /api/sigma-rules/:id; it has no "inherit".
    if (ctx.role !== 'admin') throw new AppError('FORBIDDEN');
    if (input.enabled === null) throw new AppError('SIGMA_SELECTION_EMPTY');
    return { changed: (await setPlatformEnabled(ctx, ids, input.enabled)).length };
  }
  await inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, input.unitId!);
    await setUnitStates(tx.db, unit.id, ids, input.enabled, tx.actor.name);
    await recordAudit(tx, {
      action: 'sigma_rule.bulk_unit_switch',
      targetType: 'unit',
      targetId: unit.id,
      unitId: unit.id,
      details: { enabled: input.enabled, select: input.select, ruleIds: chosen.map((r) => r.ruleId) },
    });
    if (ids.length > 0) await announceRulesChanged(tx.db);
  });
  if (ids.length > 0) notifyRulesChanged();
  return { changed: ids.length };
}

export async function getUnitTuning(ctx: Ctx, unitId: string): Promise<SigmaUnitTuning> {
  const unit = await loadUnitInScope(ctx, unitId);
  const ancestors = ancestorsOf(unit.path);
  const lists = await placeholdersOf(ctx.db, ancestors);
  const filters = await filtersOf(ctx.db, ancestors);
  return {
    unitId: unit.id,
    placeholders: lists.find((l) => l.unitId === unit.id)?.placeholders ?? {},
    effectivePlaceholders: mergePlaceholders(ancestors, lists),
    filters: filters.map((f) => ({ ...f, inherited: f.unitId !== unit.id })),
  };
}

/** Replaces the unit's own placeholder lists (values for `%name%` in rules with `|expand`). */
export async function saveUnitPlaceholders(ctx: Ctx, unitId: string, placeholders: Record<string, string[]>) {
  await inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, unitId);
    await savePlaceholders(tx.db, unit.id, placeholders, tx.actor.name);
    await recordAudit(tx, {
      action: 'sigma_tuning.placeholders',
      targetType: 'unit',
      targetId: unit.id,
      unitId: unit.id,
      details: { names: Object.keys(placeholders), values: Object.values(placeholders).flat().length },
    });
    await announceRulesChanged(tx.db, 'tuning');
  });
  notifyRulesChanged('tuning');
  return getUnitTuning(ctx, unitId);
}

/** A filter document (Sigma Filters, `mf_*`) for the unit and below; refused with the reason if invalid. */
export async function addUnitFilter(ctx: Ctx, unitId: string, yaml: string) {
  const loaded = loadSigmaYaml(yaml, 'filter.yml');
  const docs = loaded.documents.filter((d) => d.kind === 'filter');
  const bad = loaded.rejected[0];
  if (bad || docs.length !== 1 || loaded.documents.length !== 1) {
    throw filterError(
      bad?.reason ?? 'schema',
      bad?.detail ?? 'one filter document (with "filter:") expected',
    );
  }
  const doc = docs[0]!.doc as Parameters<typeof compileUnitFilters>[0][number]['doc'];
  try {
    compileUnitFilters([{ doc, source: 'filter.yml' }]);
  } catch (error) {
    const e = error as { reason?: string; message: string };
    throw filterError(e.reason ?? 'schema', e.message);
  }
  await inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, unitId);
    const row = await insertFilter(tx.db, {
      unitId: unit.id,
      title: doc.title,
      rules: doc.filter.rules,
      yaml,
      createdBy: tx.actor.name,
    });
    await recordAudit(tx, {
      action: 'sigma_tuning.filter_add',
      targetType: 'sigma_filter',
      targetId: row.id,
      unitId: unit.id,
      details: { title: doc.title, rules: doc.filter.rules },
    });
    await announceRulesChanged(tx.db, 'tuning');
  });
  notifyRulesChanged('tuning');
  return getUnitTuning(ctx, unitId);
}

function filterError(reason: string, detail: string) {
  const label = reasonLabel(reason);
  return new AppError('SIGMA_FILTER_INVALID', { reasonVi: label.vi, reasonEn: label.en, detail });
}

export async function removeUnitFilter(ctx: Ctx, unitId: string, filterId: string) {
  await inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, unitId);
    const row = await deleteFilter(tx.db, unit.id, filterId);
    if (!row) throw new AppError('SIGMA_FILTER_NOT_FOUND', { filterId });
    await recordAudit(tx, {
      action: 'sigma_tuning.filter_remove',
      targetType: 'sigma_filter',
      targetId: row.id,
      unitId: unit.id,
      details: { title: row.title },
    });
    await announceRulesChanged(tx.db, 'tuning');
  });
  notifyRulesChanged('tuning');
  return getUnitTuning(ctx, unitId);
}
