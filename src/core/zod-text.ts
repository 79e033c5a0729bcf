import { z } from 'zod';

/** An optional free-text field of a form: trimmed, bounded, and an emptied field stored as null. */
export const blankAsNull = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
