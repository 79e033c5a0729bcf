import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';
import type { Lang } from '../core/errors';
import { describeZodProblems, type FieldProblem } from '../core/zod-messages';

export type { FieldProblem };

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

export function describeZodError(schema: ZodType, data: unknown, part: string): InputError | undefined {
  const problems = describeZodProblems(schema, data, part);
  return problems ? new InputError(part, problems) : undefined;
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
