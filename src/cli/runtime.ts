import os from 'node:os';
import type { Command } from 'commander';
import { ZodError, type ZodType, type z } from 'zod';
import { loadConfig } from '../core/config';
import { type Ctx, systemCtx } from '../core/context';
import { acquireDataLock } from '../core/data-lock';
import { AppError, formatMessage, type Lang } from '../core/errors';
import { createLogger } from '../core/log';
import { setPublicUrl } from '../core/public-url';
import { createSecretBox, loadSecretKey, setPlatformSecretBox } from '../core/secrets';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { describeZodError } from '../http/validation';
import { bootstrapFirstAdmin, firstAdminBanner } from '../units/bootstrap';

/** Exit codes of every command: 0 done, 1 the command line was wrong, 2 the work failed. */
export const EXIT = { ok: 0, usage: 1, failed: 2 } as const;

export class UsageError extends Error {}

export type GlobalOptions = { json?: boolean; lang: Lang };

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * Opens the same database the server uses, as the platform itself (actor "cli:<os user>").
 * An embedded data folder is locked first: a running server holding it gets a clear refusal.
 */
export async function withContext<T>(options: GlobalOptions, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const lock = config.databaseUrl ? undefined : acquireDataLock(config.dataDir, 'cli');
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: config.databaseUrl ? undefined : config.dataDir,
    });
    try {
      await migrateDatabase(database);
      setPlatformSecretBox(createSecretBox(loadSecretKey(config.dataDir, config.secretKeyHex)));
      // Mail queued from the CLI (directive reminders) links to the public address, as from the server.
      setPublicUrl(config.publicUrl);
      const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, undefined);
      const ctx = systemCtx(database.db, log, `cli:${os.userInfo().username}`, options.lang);
      // A fresh installation driven from the CLI first gets its root unit and admin here, as on npm start.
      const boot = await bootstrapFirstAdmin(ctx, config.adminPassword);
      if (boot.created && boot.generatedPassword) {
        process.stderr.write(firstAdminBanner(boot.username, boot.generatedPassword));
      }
      return await work(ctx);
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}

/** Validates command-line values with the same zod contract the API uses. */
export function parseInput<T extends ZodType>(schema: T, data: unknown, lang: Lang): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = describeZodError(schema, data, 'option')?.problems[lang] ?? [];
  throw new UsageError(problems.map((p) => `${p.field.replace(/^option\./, '--')}: ${p.message}`).join('\n'));
}

export type Column<T> = readonly [header: string, value: (row: T) => unknown];

/**
 * The one text form of every listing: a header line, then a line a row, columns two spaces apart and
 * padded to their widest cell; null and undefined print as "-", dates in ISO 8601.
 */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map(([, value]) => formatCell(value(row))));
  const widths = columns.map(([header], i) => Math.max(header.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns.map(([h]) => h)), ...cells.map(line)].join('\n');
}

/** A table for people, or the rows as JSON for scripts (--json). */
export function printRows<T>(options: GlobalOptions, rows: T[], columns: readonly Column<T>[]): void {
  process.stdout.write(`${options.json ? JSON.stringify(rows, null, 2) : formatTable(rows, columns)}\n`);
}

/**
 * A detail with a table in it: for people the heading lines, the table, then the footer lines; for
 * scripts (--json) `json` as it is (the whole detail, not only the rows).
 */
export function printTable<T>(
  options: GlobalOptions,
  view: {
    json: unknown;
    heading?: string[];
    rows: readonly T[];
    columns: readonly Column<T>[];
    footer?: string[];
  },
): void {
  const text = [...(view.heading ?? []), formatTable(view.rows, view.columns), ...(view.footer ?? [])];
  printObject(options, view.json, text.join('\n'));
}

export function printObject(options: GlobalOptions, value: unknown, text: string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Turns any error into a message in the user's language and the right exit code. */
export function explainError(error: unknown, lang: Lang): { message: string; code: number } {
  if (error instanceof UsageError) return { message: error.message, code: EXIT.usage };
  if (error instanceof AppError) {
    const code = error.status === 400 ? EXIT.usage : EXIT.failed;
    return { message: `${error.code}: ${formatMessage(error.code, lang, error.params)}`, code };
  }
  if (error instanceof ZodError) return { message: error.message, code: EXIT.usage };
  return { message: (error as Error).message ?? String(error), code: EXIT.failed };
}
