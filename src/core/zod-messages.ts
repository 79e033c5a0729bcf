import type { ZodType, z } from 'zod';
import en from 'zod/v4/locales/en.js';
import vi from 'zod/v4/locales/vi.js';
import type { Lang } from './errors';

/**
 * Validation messages in both languages, for every edge (HTTP, CLI, files inside a capability).
 * zod ships a Vietnamese locale, so the reasons are real sentences, not codes.
 */
export type FieldProblem = { field: string; message: string };

const LOCALES: Record<Lang, { localeError: z.core.$ZodErrorMap }> = { vi: vi(), en: en() };

/**
 * Contracts import only zod, so a custom message there is a key ("format.code"); its words in each
 * language live here. A message that is not a key is shown as written.
 */
export const FIELD_MESSAGES: Record<string, Record<Lang, string>> = {
  'format.code': {
    vi: 'chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới; bắt đầu bằng chữ hoặc số',
    en: 'only letters without accents, digits, dot, dash, underscore; starting with a letter or digit',
  },
  'format.dotted-version': {
    vi: 'phải là phiên bản dạng số chấm, ví dụ 16.0.5387.1000',
    en: 'must be a dotted numeric version, e.g. 16.0.5387.1000',
  },
  'format.machine-id': {
    vi: 'phải là MachineGuid dạng xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    en: 'must be a MachineGuid like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  },
  'format.hostname': {
    vi: 'tên máy chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới; bắt đầu bằng chữ hoặc số',
    en: 'a host name has only letters, digits, dot, dash, underscore, starting with a letter or digit',
  },
  'format.kb': { vi: 'phải là mã KB, ví dụ KB5023696', en: 'must be a KB id, e.g. KB5023696' },
  'format.build': { vi: 'phải là số bản dựng, ví dụ 19045', en: 'must be a build number, e.g. 19045' },
  'format.cve-list': {
    vi: 'cần ít nhất một mã CVE (danh sách hoặc văn bản dán vào)',
    en: 'needs at least one CVE id (a list or pasted text)',
  },
  'format.cve': { vi: 'phải có dạng CVE-YYYY-NNNN', en: 'must look like CVE-YYYY-NNNN' },
  'format.username': {
    vi: 'chỉ gồm a-z, 0-9, dấu chấm, gạch ngang, gạch dưới; bắt đầu bằng chữ hoặc số',
    en: 'only a-z, 0-9, dot, dash, underscore; starting with a letter or digit',
  },
  // directives
  'format.document-number': {
    vi: 'phải là số/ký hiệu văn bản, ví dụ 383/CATTT-NCSC hoặc 12/UBND-VP',
    en: 'must be a document number and symbol, e.g. 383/CATTT-NCSC or 12/UBND-VP',
  },
  'format.date-range': { vi: 'ngày phải trong khoảng 1990–2100', en: 'the date must lie in 1990–2100' },
  'format.deadline-before-issue': {
    vi: 'hạn xử lý không được trước ngày ban hành',
    en: 'the deadline cannot be before the date of issue',
  },
  'format.reason-required': {
    vi: 'cần nêu lý do khi không thực hiện được',
    en: 'a reason is required when the task cannot be done',
  },
  // cameras
  'format.mac': {
    vi: 'phải là địa chỉ MAC, ví dụ 44:19:b6:0a:1b:2c',
    en: 'must be a MAC address, e.g. 44:19:b6:0a:1b:2c',
  },
  'format.ip': { vi: 'phải là địa chỉ IPv4 hoặc IPv6', en: 'must be an IPv4 or IPv6 address' },
  'format.override-reason': {
    vi: 'cấp độ đề xuất khác gợi ý và lý do (ít nhất 10 ký tự) phải đi cùng nhau',
    en: 'an overriding level and its reason (at least 10 characters) go together',
  },
  'format.symbol': {
    vi: 'ký hiệu gồm các nhóm chữ, số nối bằng "-"',
    en: 'symbol groups are letters or digits joined by "-"',
  },
  'format.criteria-set-code': {
    vi: 'mã bộ tiêu chí gồm chữ thường, số, gạch ngang; ví dụ cv294',
    en: 'a set code has lower-case letters, digits, dashes; e.g. cv294',
  },
  'format.criterion-key': {
    vi: 'mã tiêu chí có dạng <bộ>.<nhóm>.<mục>, ví dụ cv294.auth.default-password',
    en: 'a criterion key looks like <set>.<group>.<item>, e.g. cv294.auth.default-password',
  },
};

/** The problems of a failed parse in each language, fields prefixed with `prefix`; undefined when valid. */
export function describeZodProblems(
  schema: ZodType,
  data: unknown,
  prefix: string,
): Record<Lang, FieldProblem[]> | undefined {
  const byLang = {} as Record<Lang, FieldProblem[]>;
  for (const lang of ['vi', 'en'] as const) {
    const result = schema.safeParse(data, { error: LOCALES[lang].localeError });
    if (result.success) return undefined;
    byLang[lang] = result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].join('.'),
      message: FIELD_MESSAGES[issue.message]?.[lang] ?? issue.message,
    }));
  }
  return byLang;
}
