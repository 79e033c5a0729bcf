import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { authenticateSession, SESSION_COOKIE } from '../auth/service';
import { authenticateToken } from '../auth/tokens';
import { type Access, roleAllowed } from '../core/access';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import type { Principal } from '../core/request';
import type { Db } from '../db/client';
import { languageFromHeader } from './language';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';
export const PUBLIC: Access = { roles: 'public', scope: 'none' };

async function findPrincipal(db: Db, req: FastifyRequest): Promise<Principal | null> {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = await authenticateToken(db, authorization.slice(7).trim());
    // A wrong bearer token is an error even where a cookie would do: scripts must learn it is wrong.
    if (!token) throw new AppError('UNAUTHENTICATED');
    return { kind: 'token', ...token };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await authenticateSession({ db }, cookie);
  return session ? { kind: 'session', ...session } : null;
}

function contextFor(req: FastifyRequest, db: Db, log: Logger, principal: Principal | null): Ctx {
  const base = { ip: req.ip, lang: req.lang, requestId: req.id, db, log: log.child({ reqId: req.id }) };
  if (principal?.kind === 'session') {
    const { user } = principal;
    return {
      ...base,
      actor: { type: 'user', id: user.id, name: user.username },
      role: user.role,
      unitId: user.unitId,
      unitPath: user.unitPath,
    };
  }
  if (principal?.kind === 'token') {
    const { token, unitPath } = principal;
    return {
      ...base,
      actor: { type: 'token', id: token.id, name: token.name },
      role: token.role,
      unitId: token.unitId,
      unitPath,
    };
  }
  // Anonymous: a role is required by the type, but the empty scope path below matches no unit.
  return {
    ...base,
    actor: { type: 'anonymous', id: null, name: null },
    role: 'viewer',
    unitId: null,
    unitPath: '/-/',
  };
}

/**
 * Authentication and authorisation for every route, driven by the route's `config.access`.
 * Runs before the body is parsed, so a caller without the right never reaches validation.
 */
export function installAccessControl(app: FastifyInstance, db: Db, log: Logger): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (req) => {
    req.lang = languageFromHeader(req.headers['accept-language']);
    const access = req.routeOptions.config.access;
    if (!access) {
      // Unknown URL: answered by the not-found handler. A known route without a rule is a bug.
      if (req.routeOptions.url === undefined) return;
      throw new Error(`route ${req.method} ${req.routeOptions.url} declares no access rule`);
    }
    const principal = await findPrincipal(db, req);
    req.principal = principal;
    if (principal?.kind === 'session') req.lang = principal.user.language;
    req.ctx = contextFor(req, db, log, principal);
    if (access.roles === 'public') return;
    if (!principal) throw new AppError('UNAUTHENTICATED');
    if (principal.kind === 'session') {
      if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== principal.csrfToken) {
        throw new AppError('CSRF_FAILED');
      }
      if (principal.user.mustChangePassword && access.passwordChange !== 'allowed') {
        throw new AppError('PASSWORD_CHANGE_REQUIRED');
      }
    }
    if (!roleAllowed(access, req.ctx.role)) throw new AppError('FORBIDDEN');
  });
}
