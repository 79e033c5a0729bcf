import { compileRuleSet, loadSigmaYaml, REJECT_REASONS, type SigmaDocument } from '../sigma';
import type { SigmaRuleInsert } from './queries';

export type RuleUpload = { name: string; content: Buffer };
export type RuleRefusal = { file: string; reason: string; detail: string };
export type CheckedRule = Omit<SigmaRuleInsert, 'importedBy'>;

const decoder = new TextDecoder('utf-8', { fatal: true });

type Loaded = { file: string; row: CheckedRule; documents: SigmaDocument[] };

/**
 * Validates uploaded rule files the way the detector will run them: each must load (hostile YAML is
 * bounded by loadSigmaYaml) and all of them together must compile with no rejection (a duplicate id
 * across the upload is a rejection too). All or nothing: the rows to store, or the first refusal.
 */
export function checkRuleFiles(files: RuleUpload[]): { rows: CheckedRule[] } | { refusal: RuleRefusal } {
  const loaded: Loaded[] = [];
  for (const file of files) {
    const one = checkOne(file);
    if ('refusal' in one) return one;
    loaded.push(one);
  }
  const together = compileRuleSet(loaded.flatMap((l) => l.documents)).rejected[0];
  if (together)
    return { refusal: { file: together.source, reason: together.reason, detail: together.detail } };
  return { rows: loaded.map((l) => l.row) };
}

/**
 * The lenient import for whole rule sets (SigmaHQ has rules no engine runs): every file that compiles
 * is kept, every other one is listed with its reason. A file that clashes with an earlier one (same id)
 * is refused, the earlier one kept.
 */
export function sortRuleFiles(files: RuleUpload[]): { rows: CheckedRule[]; refused: RuleRefusal[] } {
  const refused: RuleRefusal[] = [];
  let loaded: Loaded[] = [];
  for (const file of files) {
    const one = checkOne(file);
    if ('refusal' in one) refused.push(one.refusal);
    else loaded.push(one);
  }
  for (let round = 0; round < 10 && loaded.length > 0; round++) {
    const rejected = compileRuleSet(loaded.flatMap((l) => l.documents)).rejected;
    if (rejected.length === 0) break;
    const bad = new Set(rejected.map((r) => r.source));
    for (const r of rejected) refused.push({ file: r.source, reason: r.reason, detail: r.detail });
    loaded = loaded.filter((l) => !bad.has(l.file));
  }
  return { rows: loaded.map((l) => l.row), refused };
}

/** One file on its own: UTF-8, loads, has a rule or correlation, compiles. */
export function checkOne(file: RuleUpload): Loaded | { refusal: RuleRefusal } {
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
  const meta =
    [...compiled.rules, ...compiled.correlations].find(
      (r) =>
        r.source === file.name &&
        (r.id === (first.doc as { id?: string }).id || !(first.doc as { id?: string }).id),
    ) ?? [...compiled.rules, ...compiled.correlations][0];
  if (compiled.rejected[0] || !meta) {
    const r = compiled.rejected[0];
    return { refusal: { file: file.name, reason: r?.reason ?? 'invalid', detail: r?.detail ?? '' } };
  }
  const doc = first.doc as { status?: unknown; tags?: unknown; logsource?: Record<string, unknown> };
  const ls = doc.logsource ?? {};
  return {
    file: file.name,
    documents: loaded.documents,
    row: {
      ruleId: meta.id,
      title: meta.title,
      author: meta.author,
      level: meta.level,
      status: typeof doc.status === 'string' ? doc.status : null,
      fileName: file.name,
      yaml: text,
      tags: Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : [],
      license: meta.license,
      kind: first.kind,
      logsource: ['product', 'category', 'service']
        .map((k) => ls[k])
        .filter((v): v is string => typeof v === 'string')
        .join('/'),
    },
  };
}

/** The reason's label in both languages (file-level reasons are not engine reasons). */
export function reasonLabel(reason: string): { vi: string; en: string } {
  const known = (REJECT_REASONS as Record<string, { vi: string; en: string }>)[reason];
  if (known) return known;
  if (reason === 'encoding') return { vi: 'Tệp không phải văn bản UTF-8', en: 'not UTF-8 text' };
  if (reason === 'empty') return { vi: 'Tệp không có luật nào', en: 'no rule or correlation in the file' };
  if (reason === 'archive') return { vi: 'Tệp nén không hợp lệ', en: 'invalid archive' };
  return { vi: 'Luật không hợp lệ', en: 'invalid rule' };
}
