import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { SessionPrincipal } from '../auth/service';
import type { TokenPrincipal } from '../auth/tokens';
import type { Access } from './access';
import type { Ctx } from './context';
import { AppError, type Lang } from './errors';

/** Who called: a browser session or an API token. Set by the access hook on every request. */
export type Principal = ({ kind: 'session' } & SessionPrincipal) | ({ kind: 'token' } & TokenPrincipal);

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    lang: Lang;
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The signed-in user behind a session-only route ('self' scope), or 401. */
export function sessionOf(req: FastifyRequest): { kind: 'session' } & SessionPrincipal {
  if (req.principal?.kind !== 'session') throw new AppError('UNAUTHENTICATED');
  return req.principal;
}
