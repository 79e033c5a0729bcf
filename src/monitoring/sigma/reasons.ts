/**
 * Why a rule cannot run. Every rejection carries one of these stable codes (grouped by the compile report)
 * and a detail in English naming the offending key or value; the labels give both languages for people.
 */
export const REJECT_REASONS = {
  'yaml-syntax': { vi: 'YAML sai cú pháp', en: 'YAML syntax error' },
  'yaml-aliases': {
    vi: 'YAML dùng quá nhiều alias (nguy cơ "bom" alias)',
    en: 'too many YAML aliases (alias bomb)',
  },
  'too-large': { vi: 'Tệp luật quá lớn', en: 'rule file too large' },
  schema: { vi: 'Luật không đúng lược đồ Sigma', en: 'rule does not follow the Sigma schema' },
  'unknown-modifier': { vi: 'Bộ biến đổi (modifier) không được hỗ trợ', en: 'unknown modifier' },
  'modifier-combination': { vi: 'Tổ hợp modifier không hợp lệ', en: 'invalid modifier combination' },
  'invalid-value': { vi: 'Giá trị không hợp lệ cho modifier', en: 'invalid value for the modifier' },
  'unsupported-regex': {
    vi: 'Biểu thức chính quy ngoài tập con Sigma',
    en: 'regex outside the Sigma subset',
  },
  'unsafe-regex': {
    vi: 'Biểu thức chính quy có thể quay lui thảm họa',
    en: 'regex may backtrack catastrophically',
  },
  'condition-syntax': { vi: 'Điều kiện (condition) sai cú pháp', en: 'condition syntax error' },
  'unknown-identifier': {
    vi: 'Điều kiện nhắc tới định danh không tồn tại',
    en: 'condition names an unknown search',
  },
  'legacy-aggregation': {
    vi: 'Cú pháp gộp cũ (| count() ...) — hãy dùng luật tương quan v2',
    en: 'legacy v1 aggregation (| count() …); use a v2 correlation',
  },
  'unknown-rule-reference': {
    vi: 'Luật tương quan/bộ lọc tham chiếu luật không tồn tại',
    en: 'correlation or filter references an unknown rule',
  },
  'correlation-cycle': { vi: 'Chuỗi tương quan tạo vòng lặp', en: 'correlation chain forms a cycle' },
  'duplicate-id': { vi: 'Trùng định danh luật', en: 'duplicate rule id' },
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

/** Thrown while compiling one rule; caught per rule so that one bad rule never stops a rule set. */
export class SigmaRuleError extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {
    super(`${REJECT_REASONS[reason].en}: ${detail}`);
    this.name = 'SigmaRuleError';
  }
}

/** One rule (or document) the engine refused, with where it came from. */
export type Rejection = {
  source: string;
  document: number;
  ruleId?: string;
  title?: string;
  reason: RejectReason;
  detail: string;
};
