import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import type { SigmaRuleRow } from './contract';
import { findRule, listRules, setRuleEnabled, upsertRule } from './queries';
import { checkRuleFiles, type RuleUpload } from './rule-files';

const toRow = ({ yaml: _y, ...row }: SigmaRuleRow & { yaml: string }): SigmaRuleRow => row;

/**
 * Imports Sigma rule files, all or nothing: one file that does not compile refuses the whole upload
 * with its reason and stores nothing. A rule id imported again replaces the stored text.
 */
export async function importSigmaRules(ctx: Ctx, files: RuleUpload[]): Promise<SigmaRuleRow[]> {
  if (files.length === 0) throw new AppError('SIGMA_RULE_FILE_MISSING');
  const checked = checkRuleFiles(files);
  if ('refusal' in checked) throw new AppError('SIGMA_RULE_REJECTED', { ...checked.refusal });
  return inTransaction(ctx, async (tx) => {
    const saved: SigmaRuleRow[] = [];
    for (const row of checked.rows) {
      const stored = await upsertRule(tx.db, { ...row, importedBy: tx.actor.name });
      await recordAudit(tx, {
        action: 'sigma_rule.import',
        targetType: 'sigma_rule',
        targetId: stored.id,
        unitId: null,
        details: { ruleId: row.ruleId, title: row.title, author: row.author, file: row.fileName },
      });
      saved.push(toRow(stored));
    }
    return saved;
  });
}

export async function listSigmaRules(ctx: Ctx, enabled?: boolean): Promise<SigmaRuleRow[]> {
  return (await listRules(ctx.db, enabled)).map(toRow);
}

export async function getSigmaRule(ctx: Ctx, id: string) {
  const row = await findRule(ctx.db, id);
  if (!row) throw new AppError('SIGMA_RULE_NOT_FOUND', { id });
  return row;
}

export async function setSigmaRuleEnabled(ctx: Ctx, id: string, enabled: boolean): Promise<SigmaRuleRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await findRule(tx.db, id, { lock: true });
    if (!row) throw new AppError('SIGMA_RULE_NOT_FOUND', { id });
    const updated = await setRuleEnabled(tx.db, id, enabled);
    await recordAudit(tx, {
      action: enabled ? 'sigma_rule.enable' : 'sigma_rule.disable',
      targetType: 'sigma_rule',
      targetId: id,
      unitId: null,
      details: { ruleId: row.ruleId },
    });
    return toRow(updated);
  });
}
