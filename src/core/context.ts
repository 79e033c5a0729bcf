import type { Logger } from 'pino';
import type { Executor } from '../db/client';
import type { Lang } from './errors';
import type { Role } from './roles';

export type { Role };

export type Actor = {
  type: 'user' | 'token' | 'system' | 'anonymous';
  id: string | null;
  name: string | null;
};

/**
 * Who is acting, from where, and on which database handle. Every service function takes it first.
 * `unitPath` is the actor's subtree ("/<root>/<unit>/"); null means the whole tree (system jobs, CLI).
 */
export type Ctx = {
  actor: Actor;
  role: Role;
  unitId: string | null;
  unitPath: string | null;
  ip: string | null;
  lang: Lang;
  requestId: string;
  db: Executor;
  log: Logger;
};

/** Runs fn in one transaction, so a write and its audit row land together or not at all. */
export async function inTransaction<T>(ctx: Ctx, fn: (txCtx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx }));
}

/** The context of the platform itself: CLI commands run on this machine and scheduled jobs. */
export function systemCtx(db: Executor, log: Logger, name = 'system', lang: Lang = 'vi'): Ctx {
  return {
    actor: { type: 'system', id: null, name },
    role: 'admin',
    unitId: null,
    unitPath: null,
    ip: null,
    lang,
    requestId: `sys-${Date.now().toString(36)}`,
    db,
    log,
  };
}
