import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { CorrelationDocSchema, FilterDocSchema, RuleDocSchema, type SigmaDocument } from './model';
import { type Rejection, SigmaRuleError } from './reasons';

export type LoadOptions = {
  /** Refuse a file above this many bytes (the biggest SigmaHQ rule is ~30 KB). */
  maxBytes?: number;
  /** Refuse more YAML alias dereferences than this (alias bombs); Sigma rules use none. */
  maxAliasCount?: number;
  /** Most documents in one file. */
  maxDocuments?: number;
};

export const LOAD_DEFAULTS = { maxBytes: 1 << 20, maxAliasCount: 100, maxDocuments: 1000 } as const;

export type LoadResult = { documents: SigmaDocument[]; rejected: Rejection[] };

/**
 * Parses one YAML file that may hold several documents (a rule collection, or a correlation with its base
 * rules) into validated Sigma documents. Never throws on bad input: each bad document becomes a rejection.
 */
export function loadSigmaYaml(text: string, source: string, options: LoadOptions = {}): LoadResult {
  const limits = { ...LOAD_DEFAULTS, ...options };
  const rejected: Rejection[] = [];
  const reject = (document: number, error: SigmaRuleError, doc?: Record<string, unknown>) =>
    rejected.push({
      source,
      document,
      reason: error.reason,
      detail: error.detail,
      ...(typeof doc?.id === 'string' ? { ruleId: doc.id } : {}),
      ...(typeof doc?.title === 'string' ? { title: doc.title } : {}),
    });
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
    reject(0, new SigmaRuleError('too-large', `more than ${limits.maxBytes} bytes`));
    return { documents: [], rejected };
  }
  const documents: SigmaDocument[] = [];
  const parsed = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length > limits.maxDocuments) {
    reject(0, new SigmaRuleError('too-large', `more than ${limits.maxDocuments} YAML documents`));
    return { documents: [], rejected };
  }
  list.forEach((yamlDoc, index) => {
    if (yamlDoc.errors.length > 0) {
      reject(index, new SigmaRuleError('yaml-syntax', yamlDoc.errors[0]!.message.split('\n')[0]!));
      return;
    }
    let value: unknown;
    try {
      value = yamlDoc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      const message = (error as Error).message;
      const reason = /alias/i.test(message) ? 'yaml-aliases' : 'yaml-syntax';
      reject(index, new SigmaRuleError(reason, message.split('\n')[0]!));
      return;
    }
    if (value === null || value === undefined) return; // an empty document (trailing ---)
    const result = classify(value, source, index);
    if (result instanceof SigmaRuleError) reject(index, result, value as Record<string, unknown>);
    else documents.push(result);
  });
  return { documents, rejected };
}

function classify(value: unknown, source: string, index: number): SigmaDocument | SigmaRuleError {
  if (typeof value !== 'object' || Array.isArray(value)) {
    return new SigmaRuleError('schema', 'a Sigma document is a YAML mapping');
  }
  const record = value as Record<string, unknown>;
  if ('correlation' in record) {
    return validated(CorrelationDocSchema, record, (doc) => ({ kind: 'correlation', doc, source, index }));
  }
  if ('filter' in record && !('detection' in record)) {
    return validated(FilterDocSchema, record, (doc) => ({ kind: 'filter', doc, source, index }));
  }
  return validated(RuleDocSchema, record, (doc) => ({
    kind: 'rule',
    doc: doc as SigmaDocument & { kind: 'rule' } extends { doc: infer D } ? D : never,
    source,
    index,
  }));
}

function validated<S extends z.ZodType>(
  schema: S,
  value: unknown,
  wrap: (doc: z.infer<S>) => SigmaDocument,
): SigmaDocument | SigmaRuleError {
  const result = schema.safeParse(value);
  if (result.success) return wrap(result.data);
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : '(document)';
  return new SigmaRuleError('schema', `${where}: ${issue.message}`);
}
