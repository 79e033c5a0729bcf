import { compileRuleSet, loadSigmaYaml } from '../sigma';
import type { SigmaValidation } from './contract';
import { reasonLabel } from './rule-files';

/**
 * What the console's editor shows while a rule is written: each document the engine would run (with
 * its author and licence) and each problem with its reason in both languages, without saving anything.
 */
export function validateRuleText(yaml: string, source = 'editor.yml'): SigmaValidation {
  const loaded = loadSigmaYaml(yaml, source);
  const compiled = compileRuleSet(loaded.documents);
  const problems: SigmaValidation['problems'] = [...loaded.rejected, ...compiled.rejected].map((r) => ({
    file: r.source,
    reason: r.reason,
    label: reasonLabel(r.reason),
    detail: r.detail,
    document: r.document,
  }));
  if (loaded.documents.length === 0 && problems.length === 0) {
    problems.push({ file: source, reason: 'empty', label: reasonLabel('empty'), detail: '', document: 0 });
  }
  const rules: SigmaValidation['rules'] = [
    ...compiled.rules.map((r) => ({ ...r, kind: 'rule' as const })),
    ...compiled.correlations.map((c) => ({ ...c, kind: 'correlation' as const })),
  ].map((r) => ({
    id: r.id,
    title: r.title,
    author: r.author,
    license: r.license,
    level: r.level,
    kind: r.kind,
  }));
  for (const f of compiled.filters)
    rules.push({ id: f.id ?? '', title: f.title, author: '', license: '', level: '', kind: 'filter' });
  return { ok: problems.length === 0, rules, problems };
}
