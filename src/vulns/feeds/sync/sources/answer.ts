import type { z } from 'zod';
import { AppError } from '../../../../core/errors';
import type { Fetched } from '../source-run';

/** A source's index or page as JSON of a known shape, else a catalogued "unexpected answer" naming the place. */
export function readJsonAnswer<T extends z.ZodType>(fetched: Fetched, shape: T): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(fetched.body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('FEED_SYNC_BAD_ANSWER', {
      url: fetched.url,
      where: 'JSON',
      reason: (error as Error).message,
    });
  }
  const result = shape.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppError('FEED_SYNC_BAD_ANSWER', {
    url: fetched.url,
    where: issue?.path.join('.') || '(root)',
    reason: issue?.message ?? 'unexpected shape',
  });
}

/** A folder URL ends with "/", so relative paths land inside it (…/v3.0/ + "updates"). */
export function folderOf(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** Instant of a source date; the MSRC index writes a zone, older answers may not (read as UTC, VULNS.md §4.13). */
export function instantOf(value: string): number {
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  return Date.parse(withZone);
}
