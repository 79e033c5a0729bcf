import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType, z } from 'zod';
import en from 'zod/v4/locales/en.js';
import vi from 'zod/v4/locales/vi.js';
import type { Lang } from '../core/errors';

export type FieldProblem = { field: string; message: string };

/**
 * A failed validation that carries its messages in both languages; the error handler picks the
 * caller's. zod ships a Vietnamese locale, so the reasons are real sentences, not codes.
 */
export class InputError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly problems: Record<Lang, FieldProblem[]>,
  ) {
    super(`invalid ${part}: ${problems.en.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InputError';
  }
}

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
  'format.cve-list': {
    vi: 'cần ít nhất một mã CVE (danh sách hoặc văn bản dán vào)',
    en: 'needs at least one CVE id (a list or pasted text)',
  },
  'format.cve': { vi: 'phải có dạng CVE-YYYY-NNNN', en: 'must look like CVE-YYYY-NNNN' },
  'format.username': {
    vi: 'chỉ gồm a-z, 0-9, dấu chấm, gạch ngang, gạch dưới; bắt đầu bằng chữ hoặc số',
    en: 'only a-z, 0-9, dot, dash, underscore; starting with a letter or digit',
  },
};

export function describeZodError(schema: ZodType, data: unknown, part: string): InputError | undefined {
  const byLang = {} as Record<Lang, FieldProblem[]>;
  for (const lang of ['vi', 'en'] as const) {
    const result = schema.safeParse(data, { error: LOCALES[lang].localeError });
    if (result.success) return undefined;
    byLang[lang] = result.error.issues.map((issue) => ({
      field: [part, ...issue.path.map(String)].join('.'),
      message: FIELD_MESSAGES[issue.message]?.[lang] ?? issue.message,
    }));
  }
  return new InputError(part, byLang);
}

/** PostgreSQL text and jsonb cannot hold U+0000: refuse it here with a clear answer, not a 500 later. */
function findNulCharacter(value: unknown, at: string[]): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at : undefined;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findNulCharacter(inner, [...at, key]);
      if (found) return found;
    }
  }
  return undefined;
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const part = httpPart ?? 'body';
    const nulAt = findNulCharacter(data, [part]);
    if (nulAt) {
      const field = nulAt.join('.');
      return {
        error: new InputError(part, {
          vi: [{ field, message: 'không được chứa ký tự NUL (U+0000)' }],
          en: [{ field, message: 'must not contain a NUL character (U+0000)' }],
        }),
      };
    }
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: describeZodError(schema, data, part) };
  };
