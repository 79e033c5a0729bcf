import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import { archiveKind, unpackRules } from './archive';
import { announceRulesChanged, notifyRulesChanged } from './changes';
import type { SigmaRuleImported, SigmaRuleRow, SigmaRuleWrite } from './contract';
import { findRule, findRuleByRuleId, type SigmaRuleStored, setRulesEnabled, upsertRule } from './queries';
import {
  type CheckedRule,
  checkOne,
  checkRuleFiles,
  type RuleRefusal,
  type RuleUpload,
  reasonLabel,
  sortRuleFiles,
} from './rule-files';

export const toRow = ({ yaml: _y, ...row }: SigmaRuleStored): SigmaRuleRow => row;
const labelled = (r: RuleRefusal) => ({ ...r, label: reasonLabel(r.reason) });

/** Archives in the upload become their rule files; plain files stay as they are. */
async function expand(files: RuleUpload[]) {
  const out: RuleUpload[] = [];
  const refused: RuleRefusal[] = [];
  let skipped = 0;
  for (const file of files) {
    if (!archiveKind(file.content)) {
      out.push(file);
      continue;
    }
    const unpacked = await unpackRules(file.name, file.content);
    out.push(...unpacked.files.map((f) => ({ ...f, name: `${file.name}/${f.name}` })));
    refused.push(...unpacked.refused);
    skipped += unpacked.skipped;
  }
  return { files: out, refused, skipped };
}

/**
 * Imports Sigma rule files and archives (.zip, .tar.gz). All or nothing by default: one file that does
 * not compile refuses the whole upload with its reason and stores nothing. With `partial`, the files
 * that compile are stored and the others listed with their reasons (a whole rule set such as SigmaHQ).
 * A rule id imported again replaces the stored text and keeps its switches.
 */
export async function importSigmaRules(
  ctx: Ctx,
  uploads: RuleUpload[],
  options: { partial?: boolean } = {},
): Promise<SigmaRuleImported> {
  if (uploads.length === 0) throw new AppError('SIGMA_RULE_FILE_MISSING');
  const { files, refused: unreadable, skipped } = await expand(uploads);
  const broken = unreadable.find((r) => r.reason === 'archive');
  if (broken && !options.partial)
    throw new AppError('SIGMA_ARCHIVE_INVALID', { file: broken.file, detail: broken.detail });
  if (unreadable[0] && !options.partial) throw new AppError('SIGMA_RULE_REJECTED', { ...unreadable[0] });
  if (files.length === 0 && unreadable.length === 0) throw new AppError('SIGMA_RULE_FILE_MISSING');
  let rows: CheckedRule[];
  let refused: RuleRefusal[] = unreadable;
  if (options.partial) {
    const sorted = sortRuleFiles(files);
    rows = sorted.rows;
    refused = [...unreadable, ...sorted.refused];
  } else {
    const checked = checkRuleFiles(files);
    if ('refusal' in checked) throw new AppError('SIGMA_RULE_REJECTED', { ...checked.refusal });
    rows = checked.rows;
  }
  const imported = await storeRules(ctx, rows, 'sigma_rule.import');
  return { imported, refused: refused.map(labelled), skipped };
}

async function storeRules(ctx: Ctx, rows: CheckedRule[], action: string): Promise<SigmaRuleRow[]> {
  const saved = await inTransaction(ctx, async (tx) => {
    const out: SigmaRuleRow[] = [];
    for (const row of rows) {
      const stored = await upsertRule(tx.db, { ...row, importedBy: tx.actor.name });
      await recordAudit(tx, {
        action,
        targetType: 'sigma_rule',
        targetId: stored.id,
        unitId: null,
        details: { ruleId: row.ruleId, title: row.title, author: row.author, file: row.fileName },
      });
      out.push(toRow(stored));
    }
    if (out.length > 0) await announceRulesChanged(tx.db);
    return out;
  });
  if (saved.length > 0) notifyRulesChanged();
  return saved;
}

/** One rule's YAML checked alone; the refusal carries the reason in both languages. */
function checkedText(input: SigmaRuleWrite, fallbackName: string): CheckedRule {
  const one = checkOne({ name: input.fileName ?? fallbackName, content: Buffer.from(input.yaml, 'utf8') });
  if ('refusal' in one) {
    const label = reasonLabel(one.refusal.reason);
    throw new AppError('SIGMA_RULE_INVALID', {
      reasonVi: label.vi,
      reasonEn: label.en,
      detail: one.refusal.detail,
    });
  }
  return one.row;
}

/** A rule written in the console: stored once it compiles; an id that exists is refused (edit it). */
export async function createSigmaRule(ctx: Ctx, input: SigmaRuleWrite): Promise<SigmaRuleRow> {
  const row = checkedText(input, 'console.yml');
  if (!input.fileName) row.fileName = `${row.ruleId}.yml`;
  if (await findRuleByRuleId(ctx.db, row.ruleId))
    throw new AppError('SIGMA_RULE_EXISTS', { ruleId: row.ruleId });
  return (await storeRules(ctx, [row], 'sigma_rule.create'))[0]!;
}

/** Replaces a stored rule's text; its id stays (switches and alerts refer to it). */
export async function editSigmaRule(ctx: Ctx, id: string, input: SigmaRuleWrite): Promise<SigmaRuleRow> {
  const existing = await findRule(ctx.db, id);
  if (!existing) throw new AppError('SIGMA_RULE_NOT_FOUND', { id });
  const row = checkedText(input, existing.fileName);
  if (row.ruleId !== existing.ruleId)
    throw new AppError('SIGMA_RULE_ID_CHANGED', { ruleId: existing.ruleId });
  return (await storeRules(ctx, [row], 'sigma_rule.edit'))[0]!;
}

export async function getSigmaRule(ctx: Ctx, id: string) {
  const row = await findRule(ctx.db, id);
  if (!row) throw new AppError('SIGMA_RULE_NOT_FOUND', { id });
  return row;
}

/** The platform-wide switch of some rules, in one transaction with one audit row per rule. */
export async function setPlatformEnabled(ctx: Ctx, ids: string[], enabled: boolean): Promise<SigmaRuleRow[]> {
  const rows = await inTransaction(ctx, async (tx) => {
    const updated = await setRulesEnabled(tx.db, ids, enabled);
    for (const row of updated)
      await recordAudit(tx, {
        action: enabled ? 'sigma_rule.enable' : 'sigma_rule.disable',
        targetType: 'sigma_rule',
        targetId: row.id,
        unitId: null,
        details: { ruleId: row.ruleId },
      });
    if (updated.length > 0) await announceRulesChanged(tx.db);
    return updated;
  });
  if (rows.length > 0) notifyRulesChanged();
  return rows.map(toRow);
}

export async function setSigmaRuleEnabled(ctx: Ctx, id: string, enabled: boolean): Promise<SigmaRuleRow> {
  const [row] = await setPlatformEnabled(ctx, [id], enabled);
  if (!row) throw new AppError('SIGMA_RULE_NOT_FOUND', { id });
  return row;
}
