import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens';
import { ROLES, type Role } from '../src/core/roles';
import { auditLog } from '../src/core/schema';
import { inventoryDoc } from '../src/inventory/fixtures';
import { hosts } from '../src/inventory/schema';
import { createHost } from '../src/inventory/service';
import { enqueueJob } from '../src/jobs/service';
import type { Unit } from '../src/units/contract';
import { createAlert } from '../src/vulns/alerts';
import { importFeedFiles } from '../src/vulns/feed-import';
import { findings } from '../src/vulns/schema';

// Monitoring: log ingest
let hostSeq = 0;
const randomHost = () => `10.77.${Math.floor(++hostSeq / 250)}.${(hostSeq % 250) + 1}/32`;
async function buildLogSource(unit: Unit) {
  return (
    await createLogSource(t.sys, {
      unitId: unit.id,
      name: `src-${code()}`,
      kind: 'syslog',
      cidr: randomHost(),
    })
  ).source;
}

function buildAlert() {
  return createAlert(t.sys, {
    issuer: 'NCSC',
    number: code(),
    issuedOn: '2023-03-20',
    title: 'x',
    cves: ['CVE-2023-23397'],
  });
}

/** A host and one open finding on it, in the given unit: the target of a finding route. */
async function buildFinding(unit: Unit): Promise<string> {
  const [host] = await t.db
    .insert(hosts)
    .values({ unitId: unit.id, hostname: `h-${code()}`, source: 'manual' })
    .returning();
  const now = new Date();
  const [row] = await t.db
    .insert(findings)
    .values({
      hostId: host!.id,
      unitId: unit.id,
      cve: 'CVE-2023-24880',
      productName: 'Windows 10 Version 22H2 for x64-based Systems',
      match: 'vulnerable',
      severity: 'medium',
      rule: 'windows-build',
      confidence: 'high',
      dueAt: now,
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .returning();
  return row!.id;
}

// Monitoring: log ingest
import { createLogSource } from '../src/monitoring/ingest/sources-service';
import { ADMIN_PASSWORD, type Agent, bearer, createTestApp, signIn, type TestApp } from './app';
import { buildUnit, buildUser, USER_PASSWORD } from './factories';
import { multipartBody } from './multipart';

// The smallest KEV catalogue the parser accepts: enough to prove the import route is reached.
const MINIMAL_KEV = JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2026.11.25',
  dateReleased: '2026-11-25T00:00:00.000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: 'CVE-2023-24880',
      vendorProject: 'Microsoft',
      product: 'Windows',
      vulnerabilityName: 'Microsoft Windows SmartScreen Security Feature Bypass Vulnerability',
      dateAdded: '2023-03-14',
      shortDescription: 'Test entry.',
      requiredAction: 'Apply updates per vendor instructions.',
      dueDate: '2023-04-04',
    },
  ],
});

/**
 * Walks the whole route table: every route declares an access rule, and for every route × role ×
 * (own unit, foreign unit), for a session and for an API token, the answer is what the rule says.
 * A new route without a sample below fails this test: add one.
 */

type Sample = {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  okStatus?: number;
};
type SampleBuilder = (unit: Unit) => Promise<Sample>;

let t: TestApp;
let own: Unit;
let foreign: Unit;
const sessions = new Map<Role, Agent>();
const tokens = new Map<Role, string>();
let seq = 0;
const code = () => `M${++seq}-${Math.random().toString(36).slice(2, 6)}`;

const SAMPLES: Record<string, SampleBuilder> = {
  'GET /api/health': async () => ({ method: 'GET', url: '/api/health' }),
  'GET /api/openapi.json': async () => ({ method: 'GET', url: '/api/openapi.json' }),
  'GET /metrics': async () => ({ method: 'GET', url: '/metrics' }),
  'POST /api/auth/sign-in': async () => ({
    method: 'POST',
    url: '/api/auth/sign-in',
    body: { username: 'admin', password: ADMIN_PASSWORD },
  }),
  'POST /api/auth/sign-out': async () => ({ method: 'POST', url: '/api/auth/sign-out' }),
  'GET /api/auth/me': async () => ({ method: 'GET', url: '/api/auth/me' }),
  'PATCH /api/auth/me': async () => ({ method: 'PATCH', url: '/api/auth/me', body: { language: 'vi' } }),
  // A wrong current password proves the route was reached without changing anyone's password.
  'POST /api/auth/password': async () => ({
    method: 'POST',
    url: '/api/auth/password',
    body: { currentPassword: 'not-the-password', newPassword: 'Another-long-password-1' },
    okStatus: 400,
  }),
  'GET /api/units': async (u) => ({ method: 'GET', url: `/api/units?parentId=${u.id}` }),
  'GET /api/units/:id': async (u) => ({ method: 'GET', url: `/api/units/${u.id}` }),
  'POST /api/units': async (u) => ({
    method: 'POST',
    url: '/api/units',
    body: { parentId: u.id, code: code(), name: 'Trường học', kind: 'school' },
  }),
  'PATCH /api/units/:id': async (u) => {
    const child = await buildUnit(t.sys, { parentId: u.id, code: code() });
    return { method: 'PATCH', url: `/api/units/${child.id}`, body: { name: 'Tên mới' } };
  },
  'DELETE /api/units/:id': async (u) => {
    const child = await buildUnit(t.sys, { parentId: u.id, code: code() });
    return { method: 'DELETE', url: `/api/units/${child.id}` };
  },
  'GET /api/users': async (u) => ({ method: 'GET', url: `/api/users?unitId=${u.id}` }),
  'GET /api/users/:id': async (u) => {
    const user = await buildUser(t.sys, { unitId: u.id, role: 'viewer' });
    return { method: 'GET', url: `/api/users/${user.id}` };
  },
  'POST /api/users': async (u) => ({
    method: 'POST',
    url: '/api/users',
    body: { unitId: u.id, username: `n${code().toLowerCase()}`, displayName: 'Cán bộ', role: 'viewer' },
  }),
  'PATCH /api/users/:id': async (u) => {
    const user = await buildUser(t.sys, { unitId: u.id, role: 'viewer' });
    return { method: 'PATCH', url: `/api/users/${user.id}`, body: { displayName: 'Đổi tên' } };
  },
  'POST /api/users/:id/reset-password': async (u) => {
    const user = await buildUser(t.sys, { unitId: u.id, role: 'viewer' });
    return { method: 'POST', url: `/api/users/${user.id}/reset-password` };
  },
  'GET /api/tokens': async (u) => ({ method: 'GET', url: `/api/tokens?unitId=${u.id}` }),
  'POST /api/tokens': async (u) => ({
    method: 'POST',
    url: '/api/tokens',
    body: { name: 'agent', unitId: u.id, role: 'viewer' },
  }),
  'DELETE /api/tokens/:id': async (u) => {
    const { token } = await createToken(t.sys, { name: 'x', unitId: u.id, role: 'viewer' });
    return { method: 'DELETE', url: `/api/tokens/${token.id}` };
  },
  'GET /api/audit': async (u) => ({ method: 'GET', url: `/api/audit?unitId=${u.id}` }),
  'POST /api/audit/verify': async () => ({ method: 'POST', url: '/api/audit/verify' }),
  'GET /api/jobs': async (u) => ({ method: 'GET', url: `/api/jobs?unitId=${u.id}` }),
  'GET /api/jobs/schedules': async () => ({ method: 'GET', url: '/api/jobs/schedules' }),
  'GET /api/jobs/:id': async (u) => {
    const job = await enqueueJob(t.sys, { kind: 'sessions.cleanup', unitId: u.id });
    return { method: 'GET', url: `/api/jobs/${job.id}` };
  },
  'POST /api/jobs/:id/cancel': async (u) => {
    const job = await enqueueJob(t.sys, { kind: 'sessions.cleanup', unitId: u.id });
    return { method: 'POST', url: `/api/jobs/${job.id}/cancel` };
  },
  'POST /api/inventory/import': async (u) => ({
    method: 'POST',
    url: '/api/inventory/import',
    body: { unitId: u.id, documents: [inventoryDoc()] },
  }),
  'POST /api/inventory/import-csv': async (u) => ({
    method: 'POST',
    url: '/api/inventory/import-csv',
    body: { unitId: u.id, csv: `hostname,ip\nPC-${code()},10.0.0.1\n` },
  }),
  'GET /api/inventory/collector.ps1': async () => ({ method: 'GET', url: '/api/inventory/collector.ps1' }),
  'GET /api/hosts': async (u) => ({ method: 'GET', url: `/api/hosts?unitId=${u.id}` }),
  'GET /api/hosts/:id': async (u) => {
    const host = await createHost(t.sys, { unitId: u.id, hostname: `PC-${code()}` });
    return { method: 'GET', url: `/api/hosts/${host.id}` };
  },
  'POST /api/hosts': async (u) => ({
    method: 'POST',
    url: '/api/hosts',
    body: { unitId: u.id, hostname: `PC-${code()}`, criticality: 'high' },
  }),
  'PATCH /api/hosts/:id': async (u) => {
    const host = await createHost(t.sys, { unitId: u.id, hostname: `PC-${code()}` });
    return { method: 'PATCH', url: `/api/hosts/${host.id}`, body: { owner: 'Cán bộ' } };
  },
  'DELETE /api/hosts/:id': async (u) => {
    const host = await createHost(t.sys, { unitId: u.id, hostname: `PC-${code()}` });
    return { method: 'DELETE', url: `/api/hosts/${host.id}` };
  },
  'POST /api/feeds/import': async () => {
    const { payload, headers } = multipartBody('files', [{ name: 'kev.json', content: MINIMAL_KEV }]);
    return { method: 'POST', url: '/api/feeds/import', body: payload, headers };
  },
  'GET /api/feeds': async () => ({ method: 'GET', url: '/api/feeds' }),
  'GET /api/vulnerabilities': async () => ({ method: 'GET', url: '/api/vulnerabilities' }),
  'GET /api/vulnerabilities/:cve': async () => {
    await importFeedFiles(t.sys, [{ name: 'kev.json', content: Buffer.from(MINIMAL_KEV) }]);
    return { method: 'GET', url: '/api/vulnerabilities/CVE-2023-24880' };
  },
  'GET /api/findings': async (u) => ({ method: 'GET', url: `/api/findings?unitId=${u.id}` }),
  'GET /api/findings/export.csv': async (u) => ({
    method: 'GET',
    url: `/api/findings/export.csv?unitId=${u.id}`,
  }),
  'GET /api/findings/summary': async (u) => ({ method: 'GET', url: `/api/findings/summary?unitId=${u.id}` }),
  'PATCH /api/findings/:id': async (u) => {
    const id = await buildFinding(u);
    return { method: 'PATCH', url: `/api/findings/${id}`, body: { status: 'in_progress' } };
  },
  'POST /api/findings/rematch': async () => ({ method: 'POST', url: '/api/findings/rematch' }),
  'GET /api/vulns/sla': async () => ({ method: 'GET', url: '/api/vulns/sla' }),
  'PUT /api/vulns/sla': async () => ({
    method: 'PUT',
    url: '/api/vulns/sla',
    body: { exploitedDays: 7, criticalDays: 15, highDays: 30, mediumDays: 90, lowDays: 180 },
  }),
  'GET /api/alerts': async () => ({ method: 'GET', url: '/api/alerts' }),
  'POST /api/alerts': async () => ({
    method: 'POST',
    url: '/api/alerts',
    body: {
      issuer: 'NCSC',
      number: code(),
      issuedOn: '2023-03-20',
      title: 'Cảnh báo',
      cveText: 'CVE-2023-23397',
    },
  }),
  'GET /api/alerts/:id': async () => ({ method: 'GET', url: `/api/alerts/${(await buildAlert()).id}` }),
  'GET /api/alerts/:id/status': async () => ({
    method: 'GET',
    url: `/api/alerts/${(await buildAlert()).id}/status`,
  }),
  // Monitoring: log ingest
  'GET /api/log-sources': async (u) => ({ method: 'GET', url: `/api/log-sources?unitId=${u.id}` }),
  'POST /api/log-sources': async (u) => ({
    method: 'POST',
    url: '/api/log-sources',
    body: { unitId: u.id, name: `fw-${code()}`, kind: 'syslog', cidr: randomHost() },
  }),
  'GET /api/log-sources/:id': async (u) => ({
    method: 'GET',
    url: `/api/log-sources/${(await buildLogSource(u)).id}`,
  }),
  'PATCH /api/log-sources/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/log-sources/${(await buildLogSource(u)).id}`,
    body: { enabled: false },
  }),
  'DELETE /api/log-sources/:id': async (u) => ({
    method: 'DELETE',
    url: `/api/log-sources/${(await buildLogSource(u)).id}`,
  }),
  'GET /api/events': async (u) => ({ method: 'GET', url: `/api/events?unitId=${u.id}&field=EventID%3D4625` }),
  // Public route authorised by the source's own ingest token (sent by every caller alike).
  'POST /api/ingest/events': async (u) => {
    const { token } = await createLogSource(t.sys, { unitId: u.id, name: `win-${code()}`, kind: 'http' });
    return {
      method: 'POST',
      url: '/api/ingest/events',
      body: '{"winlog":{"channel":"Security","event_id":4625,"event_data":{"TargetUserName":"a"}},"@timestamp":"2026-01-01T00:00:00Z"}\n',
      headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token! },
    };
  },
  'GET /api/ingest/stats': async () => ({ method: 'GET', url: '/api/ingest/stats' }),
};

// Routes that plugins add and that are public by nature (API docs UI and its assets).
const isPluginRoute = (url: string) => url.startsWith('/api/docs');

beforeAll(async () => {
  t = await createTestApp();
  own = await buildUnit(t.sys, { parentId: t.root.id, code: 'OWN' });
  foreign = await buildUnit(t.sys, { parentId: t.root.id, code: 'FOREIGN' });
  for (const role of ROLES) {
    const user = await buildUser(t.sys, { unitId: own.id, role, username: `as-${role.replace('_', '-')}` });
    sessions.set(role, await signIn(t.app, user.username, USER_PASSWORD));
    tokens.set(role, (await createToken(t.sys, { name: `t-${role}`, unitId: own.id, role })).secret);
  }
});
afterAll(() => t.close());

async function auditCount() {
  const [row] = await t.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

function routes() {
  return t.app.routeTable.filter((r) => !isPluginRoute(r.url));
}

describe('access matrix', () => {
  it('every route declares an access rule and has a sample here', () => {
    for (const route of t.app.routeTable) {
      expect(route.access, `${route.method} ${route.url} has no config.access`).toBeTruthy();
    }
    const missing = routes()
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !SAMPLES[key]);
    expect(missing, 'routes without an access-matrix sample').toEqual([]);
  });

  it('anonymous callers get 401 everywhere but sign-in, health and the docs', async () => {
    for (const route of routes()) {
      const sample = await SAMPLES[`${route.method} ${route.url}`]!(own);
      const res = await t.app.inject({
        method: sample.method as 'GET',
        url: sample.url,
        payload: sample.body as object,
        headers: sample.headers,
      });
      const isPublic = (route.access as { roles: unknown }).roles === 'public';
      if (isPublic) expect(res.statusCode, `${route.method} ${route.url}`).toBeLessThan(400);
      else expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  for (const via of ['session', 'token'] as const) {
    it(`role × unit answers follow each route's rule (${via})`, async () => {
      const failures: string[] = [];
      for (const route of routes()) {
        const access = route.access as { roles: readonly Role[] | 'public' | 'any'; scope: string };
        if (access.roles === 'public') continue;
        for (const role of ROLES) {
          for (const [where, unit] of [
            ['own', own],
            ['foreign', foreign],
          ] as const) {
            const sample = await SAMPLES[`${route.method} ${route.url}`]!(unit);
            const roleOk = access.roles === 'any' || access.roles.includes(role);
            const scopeOk = access.scope !== 'unit' || where === 'own';
            const before = await auditCount();
            let res: Awaited<ReturnType<Agent['request']>>;
            if (via === 'session') {
              // Sign-out ends the session it is sent with: use a throwaway one.
              const agent =
                route.url === '/api/auth/sign-out'
                  ? await signIn(t.app, `as-${role.replace('_', '-')}`, USER_PASSWORD)
                  : sessions.get(role)!;
              res = await agent.request(sample.method, sample.url, sample.body, sample.headers);
            } else {
              res = await bearer(t.app, tokens.get(role)!)(
                sample.method,
                sample.url,
                sample.body,
                sample.headers,
              );
            }
            const label = `${via} ${role} ${where}: ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
            let expected: number | string;
            if (!roleOk) expected = 'FORBIDDEN';
            else if (via === 'token' && access.scope === 'self') expected = 'UNAUTHENTICATED';
            else if (!scopeOk) expected = 'SCOPE_FORBIDDEN';
            else expected = sample.okStatus ?? 'ok';
            const actual =
              res.statusCode < 300
                ? 'ok'
                : res.statusCode === sample.okStatus
                  ? res.statusCode
                  : res.json().code;
            if (actual !== expected) failures.push(`${label} (expected ${expected})`);
            if (expected !== 'ok' && typeof expected === 'string' && (await auditCount()) !== before) {
              failures.push(`${label}: a refused call wrote an audit row`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
