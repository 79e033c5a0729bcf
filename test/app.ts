import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { createSecretBox, setPlatformSecretBox } from '../src/core/secrets';
import type { Database } from '../src/db/client';
import { buildApp } from '../src/http/app';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';
import { createTestDatabase } from './database';

export const ADMIN_PASSWORD = 'Admin-password-for-tests-1';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The real application on a fresh database, with the first admin (known password) and the root unit. */
export async function createTestApp(options: { trustProxy?: boolean } = {}) {
  const database: Database = await createTestDatabase();
  // A throwaway key per test file: sealed channel secrets open only within this run.
  setPlatformSecretBox(createSecretBox(randomBytes(32)));
  const log = createLogger('silent');
  const sys = systemCtx(database.db, log, 'test');
  await bootstrapFirstAdmin(sys, ADMIN_PASSWORD);
  const root = (await findRootUnit(database.db))!;
  const app = await buildApp({ database, log, version: 'test', trustProxy: options.trustProxy });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    sys,
    root,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type Agent = {
  cookie: string;
  csrf: string;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
};

type Injectable = TestApp['app'];

/** Signs in through the real route and returns a client that sends the cookie and the CSRF header. */
export async function signIn(app: Injectable, username: string, password: string): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'cg_session');
  const cookie = `cg_session=${setCookie!.value}`;
  const csrf = res.json().csrfToken as string;
  return {
    cookie,
    csrf,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}

/** A client that authenticates with an API token. */
export function bearer(app: Injectable, secret: string) {
  return (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${secret}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
}
