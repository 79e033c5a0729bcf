import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNull, like, type SQL } from 'drizzle-orm';
import { assertCanGrant, assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import type { Executor } from '../db/client';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import { loadUnitInScope } from '../units/service';
import type { ApiToken, TokenCreate, TokenQuery } from './contract';
import { findLiveToken, touchToken } from './queries';
import { apiTokens } from './schema';
import { sha256 } from './service';

export const TOKEN_PREFIX = 'cg_';

type TokenRow = typeof apiTokens.$inferSelect;

function toApiToken(row: TokenRow): ApiToken {
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

export async function createToken(
  ctx: Ctx,
  input: TokenCreate,
): Promise<{ token: ApiToken; secret: string }> {
  assertCanGrant(ctx, input.role);
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    const [row] = await tx.db
      .insert(apiTokens)
      .values({
        name: input.name,
        unitId: input.unitId,
        role: input.role,
        expiresAt: input.expiresAt ?? null,
        tokenHash: sha256(secret),
        prefix: secret.slice(0, 10),
        createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      })
      .returning();
    await recordAudit(tx, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: row!.id,
      unitId: input.unitId,
      details: { name: input.name, role: input.role },
    });
    return { token: toApiToken(row!), secret };
  });
}

export async function listTokens(ctx: Ctx, query: TokenQuery): Promise<Page<ApiToken>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const filters: (SQL | undefined)[] = [
    ctx.unitPath ? like(units.path, likePrefix(ctx.unitPath)) : undefined,
    query.unitId ? eq(apiTokens.unitId, query.unitId) : undefined,
    query.includeRevoked ? undefined : isNull(apiTokens.revokedAt),
  ];
  const where = and(...filters);
  // One after the other: inside a transaction both would share one connection (pg refuses overlap).
  const rows = await ctx.db
    .select({ token: apiTokens })
    .from(apiTokens)
    .innerJoin(units, eq(units.id, apiTokens.unitId))
    .where(where)
    .orderBy(desc(apiTokens.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: count() })
    .from(apiTokens)
    .innerJoin(units, eq(units.id, apiTokens.unitId))
    .where(where);
  return { items: rows.map((r) => toApiToken(r.token)), total, page: query.page, pageSize: query.pageSize };
}

export async function revokeToken(ctx: Ctx, id: string): Promise<ApiToken> {
  return inTransaction(ctx, async (tx) => {
    const [found] = await tx.db
      .select({ token: apiTokens, path: units.path })
      .from(apiTokens)
      .innerJoin(units, eq(units.id, apiTokens.unitId))
      .where(eq(apiTokens.id, id));
    if (!found) throw new AppError('TOKEN_NOT_FOUND', { tokenId: id });
    assertInScope(tx, { id: found.token.unitId, path: found.path });
    const [row] = await tx.db
      .update(apiTokens)
      .set({ revokedAt: found.token.revokedAt ?? new Date() })
      .where(eq(apiTokens.id, id))
      .returning();
    await recordAudit(tx, {
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: id,
      unitId: found.token.unitId,
    });
    return toApiToken(row!);
  });
}

export type TokenPrincipal = { token: TokenRow; unitPath: string };

/** Looks up a bearer token by its hash; records its use at most once a minute. */
export async function authenticateToken(db: Executor, secret: string): Promise<TokenPrincipal | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const now = new Date();
  const row = await findLiveToken(db, sha256(secret), now);
  if (!row) return undefined;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > 60_000) {
    await touchToken(db, row.token.id, now);
  }
  return row;
}
