import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, createTestApp, signIn, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health, metrics and API docs', () => {
  it('health reports version and database state without sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', version: 'test', database: { ok: true } });
  });

  it('metrics are Prometheus text for an admin token, labelled by route pattern', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const { secret } = (
      await admin.request('POST', '/api/tokens', { name: 'prometheus', unitId: t.root.id, role: 'viewer' })
    ).json();
    await t.app.inject({
      method: 'GET',
      url: `/api/units/${t.root.id}`,
      headers: { authorization: `Bearer ${secret}` },
    });
    const res = await bearer(t.app, secret)('GET', '/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(
      /^canhgac_http_requests_total\{method="GET",route="\/api\/units\/:id",status="200"\} 1$/m,
    );
    expect(res.body).toMatch(/^canhgac_database_up 1$/m);
    expect(res.body).not.toContain(t.root.id);
  });

  it('serves the OpenAPI document and its UI to anyone', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.json().openapi).toBe('3.1.0');
    expect(Object.keys(doc.json().paths)).toContain('/api/units/{id}');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });
});

describe('web console files', () => {
  it('serves pages and assets to anyone; a missing asset is a 404, not the index page', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('./app');
    const { createLogger } = await import('../core/log');
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-web-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Canh Gác</title>');
    fs.writeFileSync(path.join(webRoot, 'assets', 'app-1.js'), 'console.log(1)');
    const app = await buildApp({
      database: t.database,
      log: createLogger('silent'),
      version: 'test',
      webRoot,
    });
    try {
      for (const url of ['/', '/units', '/users/abc?page=2']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain('<title>Canh Gác</title>');
      }
      expect((await app.inject({ method: 'GET', url: '/assets/app-1.js' })).body).toBe('console.log(1)');
      // A file added after start (a rebuilt console) is served without a restart.
      fs.writeFileSync(path.join(webRoot, 'assets', 'app-2.js'), 'console.log(2)');
      expect((await app.inject({ method: 'GET', url: '/assets/app-2.js' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
      const api = await app.inject({ method: 'GET', url: '/api/nothing' });
      expect(api.json().code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await app.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });
});
