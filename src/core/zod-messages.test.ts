import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodProblems } from './zod-messages';

describe('validation messages in both languages', () => {
  const Schema = z.object({
    code: z.string().regex(/^[a-z]+$/, 'format.code'),
    port: z.number().int().max(65535),
  });

  it('translates message keys and keeps zod locale sentences, with prefixed field paths', () => {
    const problems = describeZodProblems(Schema, { code: 'X Y', port: 70000 }, 'body')!;
    expect(problems.vi).toEqual([
      { field: 'body.code', message: expect.stringMatching(/^chỉ gồm chữ cái không dấu/) },
      { field: 'body.port', message: expect.stringMatching(/65535/) },
    ]);
    expect(problems.en[0]!.message).toMatch(/^only letters without accents/);
    expect(problems.vi[1]!.message).not.toBe(problems.en[1]!.message);
  });

  it('is undefined for valid data', () => {
    expect(describeZodProblems(Schema, { code: 'ok', port: 80 }, 'body')).toBeUndefined();
  });
});
