import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signIn } from '../../test/app';
import { createTestDatabase } from '../../test/database';
import { systemCtx } from '../core/context';
import { createLogger } from '../core/log';
import { bootstrapFirstAdmin } from '../units/bootstrap';
import { buildApp } from './app';

describe('unknown errors', () => {
  it('are logged with the request id and answered as a generic 500 carrying only that id', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const database = await createTestDatabase();
    const log = createLogger('error', sink);
    await bootstrapFirstAdmin(systemCtx(database.db, log), ADMIN_PASSWORD);
    const app = await buildApp({ database, log, version: 'test' });
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    // Pull the database away under the running app: every query now fails in the driver.
    await database.close();

    const res = await admin.request('GET', '/api/auth/me', undefined, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.code).toBe('INTERNAL');
    // The session cannot be read either, so the header decides the language.
    expect(body.message).toBe(`Internal error; request id ${body.requestId}`);
    expect(res.body).not.toMatch(/closed|stack|at \w+ \(/i);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === body.requestId && l.level === 50);
    expect(logged?.err?.stack).toBeTruthy();

    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', database: { ok: false } });
    await app.close();
  });

  it('an unknown route is a 404 in the caller language', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ database, log: createLogger('silent'), version: 'test' });
    const res = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'No such route' });
    await app.close();
    await database.close();
  });
});
