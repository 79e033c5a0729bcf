import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionOf } from '../core/request';
import { User } from '../users/contract';
import {
  ApiToken,
  Me,
  PasswordChange,
  ProfileUpdate,
  SignIn,
  TokenCreate,
  TokenCreated,
  TokenIdParams,
  TokenPage,
  TokenQuery,
} from './contract';
import {
  changePassword,
  describeMe,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  signIn,
  signOut,
  updateProfile,
} from './service';
import { createToken, listTokens, revokeToken } from './tokens';

const tags = ['auth'];
const Ok = z.object({ ok: z.literal(true) });
// Session routes act on the caller's own account; a user who must change a password may still use them.
const self = { roles: 'any', scope: 'self', passwordChange: 'allowed' } as const;

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/sign-in',
    {
      schema: { tags, summary: 'Sign in; sets the session cookie', body: SignIn, response: { 200: Me } },
      config: { access: { roles: 'public', scope: 'none' } },
    },
    async (req, reply) => {
      const signed = await signIn(req.ctx, req.body, req.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, signed.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        // Secure whenever the browser reached us over HTTPS (directly or through a trusted proxy).
        secure: req.protocol === 'https',
        maxAge: SESSION_TTL_MS / 1000,
      });
      const ctx = { ...req.ctx, unitPath: signed.user.unitPath };
      return describeMe(ctx, signed.user, signed.csrfToken);
    },
  );
  app.post(
    '/api/auth/sign-out',
    { schema: { tags, summary: 'End this session', response: { 200: Ok } }, config: { access: self } },
    async (req, reply) => {
      await signOut(req.ctx, sessionOf(req).sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  app.get(
    '/api/auth/me',
    {
      schema: { tags, summary: 'The signed-in user, unit and CSRF token', response: { 200: Me } },
      config: { access: self },
    },
    (req) => {
      const session = sessionOf(req);
      return describeMe(req.ctx, session.user, session.csrfToken);
    },
  );
  app.patch(
    '/api/auth/me',
    {
      schema: { tags, summary: 'Change own language or name', body: ProfileUpdate, response: { 200: User } },
      config: { access: self },
    },
    (req) => updateProfile(req.ctx, sessionOf(req).user, req.body),
  );
  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change own password; ends the other sessions',
        body: PasswordChange,
        response: { 200: Ok },
      },
      config: { access: self },
    },
    async (req) => {
      const session = sessionOf(req);
      await changePassword(req.ctx, session.user, session.sessionId, req.body);
      return { ok: true as const };
    },
  );

  const tokenTags = ['tokens'];
  app.get(
    '/api/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'List API tokens in scope',
        querystring: TokenQuery,
        response: { 200: TokenPage },
      },
      config: { access: { roles: ['admin', 'unit_officer'], scope: 'unit' } },
    },
    (req) => listTokens(req.ctx, req.query),
  );
  app.post(
    '/api/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Create an API token (the secret is shown once)',
        body: TokenCreate,
        response: { 201: TokenCreated },
      },
      config: { access: { roles: ['admin', 'unit_officer'], scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createToken(req.ctx, req.body)),
  );
  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: tokenTags,
        summary: 'Revoke an API token',
        params: TokenIdParams,
        response: { 200: ApiToken },
      },
      config: { access: { roles: ['admin', 'unit_officer'], scope: 'unit' } },
    },
    (req) => revokeToken(req.ctx, req.params.id),
  );
};
