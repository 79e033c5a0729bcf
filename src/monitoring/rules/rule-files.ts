import { compileRuleSet, loadSigmaYaml } from '../sigma';
import type { SigmaRuleInsert } from './queries';

export type RuleUpload = { name: string; content: Buffer };
export type RuleRefusal = { file: string; reason: string; detail: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Validates uploaded rule files the way the detector will run them: each must load (hostile YAML is
 * bounded by loadSigmaYaml) and all of them together must compile with no rejection (a duplicate id
 * across the upload is a rejection too). Returns the rows to store, or the first refusal.
 */
export function checkRuleFiles(
  files: RuleUpload[],
): { rows: Omit<SigmaRuleInsert, 'importedBy'>[] } | { refusal: RuleRefusal } {
  const rows: Omit<SigmaRuleInsert, 'importedBy'>[] = [];
  const all = [];
  for (const file of files) {
    let text: string;
    try {
      text = decoder.decode(file.content).replace(/^\uFEFF/, '');
    } catch {
      return { refusal: { file: file.name, reason: 'encoding', detail: 'not UTF-8 text' } };
    }
    const loaded = loadSigmaYaml(text, file.name);
    const bad = loaded.rejected[0];
    if (bad) return { refusal: { file: file.name, reason: bad.reason, detail: bad.detail } };
    const first = loaded.documents.find((d) => d.kind !== 'filter');
    if (!first) return { refusal: { file: file.name, reason: 'empty', detail: 'no rule or correlation' } };
    const compiled = compileRuleSet(loaded.documents);
    const meta = [...compiled.rules, ...compiled.correlations].find((r) => r.source === file.name);
    if (compiled.rejected[0] || !meta) {
      const r = compiled.rejected[0];
      return { refusal: { file: file.name, reason: r?.reason ?? 'invalid', detail: r?.detail ?? '' } };
    }
    all.push(...loaded.documents);
    const status = (first.doc as { status?: unknown }).status;
    rows.push({
      ruleId: meta.id,
      title: meta.title,
      author: meta.author,
      level: meta.level,
      status: typeof status === 'string' ? status : null,
      fileName: file.name,
      yaml: text,
    });
  }
  const together = compileRuleSet(all).rejected[0];
  if (together)
    return { refusal: { file: together.source, reason: together.reason, detail: together.detail } };
  return { rows };
}
