import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, inArray, like, ne, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Page } from '../../core/pagination';
import { likePrefix } from '../../units/queries';
import { units } from '../../units/schema';
import { loadUnitInScope } from '../../units/service';
import { logSources } from '../schema';
import { formatNetwork } from './cidr';
import type { LogSource, LogSourceCreate, LogSourceQuery, LogSourceUpdate } from './sources-contract';

export const INGEST_TOKEN_PREFIX = 'cgi_';
type Row = typeof logSources.$inferSelect;

export function hashIngestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toSource(row: Row): LogSource {
  const { tokenHash: _h, ...rest } = row;
  return rest;
}

function canonicalCidr(cidr: string): string {
  const canonical = formatNetwork(cidr);
  if (!canonical) throw new AppError('LOG_SOURCE_CIDR_INVALID', { cidr });
  return canonical;
}

async function assertCidrFree(ctx: Ctx, cidr: string, except?: string) {
  const [clash] = await ctx.db
    .select({ id: logSources.id })
    .from(logSources)
    .where(and(eq(logSources.cidr, cidr), except ? ne(logSources.id, except) : undefined));
  if (clash) throw new AppError('LOG_SOURCE_CIDR_TAKEN', { cidr });
}

/** Registers a source; an HTTP source gets a new ingest token, returned only here. */
export async function createLogSource(
  ctx: Ctx,
  input: LogSourceCreate,
): Promise<{ source: LogSource; token: string | null }> {
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    let cidr: string | null = null;
    let token: string | null = null;
    if (input.kind === 'syslog') {
      if (!input.cidr) throw new AppError('LOG_SOURCE_CIDR_REQUIRED');
      cidr = canonicalCidr(input.cidr);
      await assertCidrFree(tx, cidr);
    } else token = `${INGEST_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = await tx.db
      .insert(logSources)
      .values({
        unitId: input.unitId,
        name: input.name,
        kind: input.kind,
        cidr,
        tokenHash: token ? hashIngestToken(token) : null,
        tokenPrefix: token ? token.slice(0, 10) : null,
        tzOffsetMinutes: input.tzOffsetMinutes ?? 420,
      })
      .returning();
    await recordAudit(tx, {
      action: 'log_source.create',
      targetType: 'log_source',
      targetId: row!.id,
      unitId: input.unitId,
      details: { name: input.name, kind: input.kind, cidr },
    });
    return { source: toSource(row!), token };
  });
}

async function loadSourceInScope(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await ctx.db.select().from(logSources).where(eq(logSources.id, id));
  if (!row) throw new AppError('LOG_SOURCE_NOT_FOUND', { sourceId: id });
  await loadUnitInScope(ctx, row.unitId);
  return row;
}

export async function getLogSource(ctx: Ctx, id: string): Promise<LogSource> {
  return toSource(await loadSourceInScope(ctx, id));
}

export async function updateLogSource(ctx: Ctx, id: string, input: LogSourceUpdate): Promise<LogSource> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadSourceInScope(tx, id);
    const cidr = input.cidr !== undefined && row.kind === 'syslog' ? canonicalCidr(input.cidr) : undefined;
    if (cidr) await assertCidrFree(tx, cidr, id);
    const { cidr: _ignored, ...changes } = input;
    const [updated] = await tx.db
      .update(logSources)
      .set({ ...changes, ...(cidr ? { cidr } : {}), updatedAt: new Date() })
      .where(eq(logSources.id, id))
      .returning();
    await recordAudit(tx, {
      action: 'log_source.update',
      targetType: 'log_source',
      targetId: id,
      unitId: row.unitId,
      details: { ...input, ...(cidr ? { cidr } : {}) },
    });
    return toSource(updated!);
  });
}

/** Removes a source; its stored events stay until retention removes them. */
export async function deleteLogSource(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await loadSourceInScope(tx, id);
    await tx.db.delete(logSources).where(eq(logSources.id, id));
    await recordAudit(tx, {
      action: 'log_source.delete',
      targetType: 'log_source',
      targetId: id,
      unitId: row.unitId,
      details: { name: row.name, kind: row.kind, cidr: row.cidr },
    });
  });
}

export async function listLogSources(ctx: Ctx, query: LogSourceQuery): Promise<Page<LogSource>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const filters: (SQL | undefined)[] = [
    ctx.unitPath
      ? inArray(
          logSources.unitId,
          sql`(select ${units.id} from ${units} where ${like(units.path, likePrefix(ctx.unitPath))})`,
        )
      : undefined,
    query.unitId ? eq(logSources.unitId, query.unitId) : undefined,
  ];
  const where = and(...filters);
  const rows = await ctx.db
    .select()
    .from(logSources)
    .where(where)
    .orderBy(desc(logSources.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(logSources).where(where);
  return { items: rows.map(toSource), total, page: query.page, pageSize: query.pageSize };
}

/** The enabled HTTP source a token belongs to, or INGEST_TOKEN_INVALID. */
export async function sourceForToken(ctx: Ctx, token: string | undefined): Promise<Row> {
  if (!token?.startsWith(INGEST_TOKEN_PREFIX)) throw new AppError('INGEST_TOKEN_INVALID');
  const [row] = await ctx.db
    .select()
    .from(logSources)
    .where(
      and(
        eq(logSources.tokenHash, hashIngestToken(token)),
        eq(logSources.kind, 'http'),
        eq(logSources.enabled, true),
      ),
    );
  if (!row) throw new AppError('INGEST_TOKEN_INVALID');
  return row;
}
