import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { publicLink } from '../../core/public-url';
import type { Executor } from '../../db/client';
import { watchAckTokens } from '../schema';

/** Long enough to answer a page at night, short enough that an old message cannot act much later. */
export const ACK_TOKEN_TTL_MS = 24 * 3_600_000;

export function ackLink(token: string): string {
  return publicLink(`/api/watch/ack/${token}`);
}

export function hashAckToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random one-time token; only its hash is stored, so a database reader cannot acknowledge. */
export async function issueAckToken(
  db: Executor,
  input: { alertId: string; userId: string | null; recipientName: string; now?: Date },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const now = input.now ?? new Date();
  await db.insert(watchAckTokens).values({
    alertId: input.alertId,
    userId: input.userId,
    recipientName: input.recipientName,
    tokenHash: hashAckToken(token),
    expiresAt: new Date(now.getTime() + ACK_TOKEN_TTL_MS),
  });
  return token;
}

/** Marks the token used, atomically (a second click finds nothing); undefined when unknown, used or expired. */
export async function consumeAckToken(db: Executor, token: string) {
  const [row] = await db
    .update(watchAckTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(watchAckTokens.tokenHash, hashAckToken(token)),
        isNull(watchAckTokens.usedAt),
        gt(watchAckTokens.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row;
}

/** Reads a token without using it (the confirmation page). */
export async function peekAckToken(db: Executor, token: string) {
  const [row] = await db
    .select()
    .from(watchAckTokens)
    .where(
      and(
        eq(watchAckTokens.tokenHash, hashAckToken(token)),
        isNull(watchAckTokens.usedAt),
        gt(watchAckTokens.expiresAt, sql`now()`),
      ),
    );
  return row;
}
