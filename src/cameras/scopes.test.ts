import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import type { Ctx } from '../core/context';
import { NetScope } from '../core/net-scope';
import { auditLog } from '../core/schema';
import type { Unit } from '../units/contract';
import { normaliseCidr, normaliseHost } from './scope-rules';
import { getScanScope } from './scopes-service';

describe('scope rules', () => {
  it('accepts network CIDRs in canonical form and bounded width', () => {
    expect(normaliseCidr('198.18.0.0/24')).toEqual({ cidr: '198.18.0.0/24' });
    expect(normaliseCidr(' 10.20.0.0/16 ')).toEqual({ cidr: '10.20.0.0/16' });
    expect(normaliseCidr('fd00:0:0:0::/112')).toEqual({ cidr: 'fd00::/112' });
    expect(normaliseCidr('127.0.1.0/24')).toEqual({ cidr: '127.0.1.0/24' });
  });
  it('refuses malformed, too wide, host-bit and special ranges with a reason in both languages', () => {
    for (const bad of [
      '10.0.0.0',
      '10.0.0.0/33',
      'abc/24',
      '',
      '10.0.0.0/15',
      '0.0.0.0/0',
      '224.0.0.0/24',
      'fd00::/64',
    ]) {
      const r = normaliseCidr(bad);
      expect('reason' in r, bad).toBe(true);
    }
    const r = normaliseCidr('10.20.0.5/24') as { reason: { vi: string; en: string } };
    expect(r.reason.vi).toContain('10.20.0.0/24');
    expect(r.reason.en).toContain('network address');
  });
  it('takes hosts as addresses only, never names', () => {
    expect(normaliseHost('198.18.0.7')).toEqual({ host: '198.18.0.7' });
    expect(normaliseHost('::ffff:198.18.0.7')).toEqual({ host: '198.18.0.7' });
    expect('reason' in normaliseHost('camera.xa.gov.vn')).toBe(true);
    expect('reason' in normaliseHost('255.255.255.255')).toBe(true);
    expect('reason' in normaliseHost('0.0.0.0')).toBe(true);
  });
  it('a registered scope is enforced by the socket guard, NetScope, with the same reading of addresses', async () => {
    const entries = { cidrs: [' 198.18.0.0/24', 'fd00:0:0:0::/112'], hosts: ['::ffff:198.18.5.5'] };
    const scope = await NetScope.create({
      cidrs: entries.cidrs.map((c) => (normaliseCidr(c) as { cidr: string }).cidr),
      hosts: entries.hosts.map((h) => (normaliseHost(h) as { host: string }).host),
    });
    expect(scope.allows('198.18.0.254')).toBe(true);
    expect(scope.allows('198.18.1.1')).toBe(false);
    expect(scope.allows('198.18.5.5')).toBe(true);
    expect(scope.allows('::ffff:198.18.0.9')).toBe(true);
    expect(scope.allows('fd00::ff')).toBe(true);
    expect(scope.allows('fd00::1:0')).toBe(false);
    expect(scope.allows('garbage')).toBe(false);
    // Refused before any socket exists: a loopback port outside the scope is never connected to.
    await expect(
      scope.connectTcp('127.0.0.1', 9, { timeoutMs: 1_000, reason: 'scope test' }),
    ).rejects.toMatchObject({ code: 'NET_SCOPE_REFUSED' });
  });
});

describe('scan scopes', () => {
  let t: TestApp;
  let unit: Unit;
  let admin: Agent;
  let officer: Agent;
  let officerId: string;
  beforeAll(async () => {
    t = await createTestApp();
    unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'PHUONG' });
    await buildUser(t.sys, { unitId: t.root.id, role: 'admin', username: 'qt' });
    officerId = (await buildUser(t.sys, { unitId: unit.id, role: 'unit_officer', username: 'cb' })).id;
    admin = await signIn(t.app, 'qt', USER_PASSWORD);
    officer = await signIn(t.app, 'cb', USER_PASSWORD);
  });
  afterAll(() => t.close());

  const officerCtx = (): Ctx => ({
    ...t.sys,
    actor: { type: 'user', id: officerId, name: 'cb' },
    role: 'unit_officer',
    unitId: unit.id,
    unitPath: `/${t.root.id}/${unit.id}/`,
  });

  it('is registered by an admin only, validated, audited before and after', async () => {
    const body = { cidrs: ['198.18.0.0/24'], hosts: ['198.18.9.9'], allowedRoles: ['admin'] };
    expect((await officer.request('PUT', `/api/camera-scopes/${unit.id}`, body)).statusCode).toBe(403);
    const bad = await admin.request('PUT', `/api/camera-scopes/${unit.id}`, {
      ...body,
      cidrs: ['10.0.0.0/8'],
    });
    expect(bad.json()).toMatchObject({ code: 'SCAN_SCOPE_INVALID' });
    expect(bad.json().message).toContain('10.0.0.0/8');
    const ok = await admin.request('PUT', `/api/camera-scopes/${unit.id}`, body);
    expect(ok.json()).toMatchObject({
      cidrs: ['198.18.0.0/24'],
      hosts: ['198.18.9.9'],
      updatedBy: 'qt',
      mayScan: true,
    });
    await admin.request('PUT', `/api/camera-scopes/${unit.id}`, { ...body, allowedUserIds: [officerId] });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'camera_scope.put'), eq(auditLog.targetId, unit.id)));
    expect(audit).toHaveLength(2);
    expect(audit[1]!.details).toMatchObject({ before: { users: [] }, after: { users: [officerId] } });
  });

  it('getScanScope: the audit gets the scope, or a refusal when none is registered or the caller may not scan', async () => {
    const empty = await buildUnit(t.sys, { parentId: t.root.id, code: 'TRONG' });
    await expect(getScanScope(t.sys, empty.id)).rejects.toMatchObject({ code: 'SCAN_SCOPE_MISSING' });
    const scope = await getScanScope(officerCtx(), unit.id);
    expect(scope.cidrs).toEqual(['198.18.0.0/24']);
    await admin.request('PUT', `/api/camera-scopes/${unit.id}`, {
      cidrs: ['198.18.0.0/24'],
      allowedRoles: ['admin'],
    });
    await expect(getScanScope(officerCtx(), unit.id)).rejects.toMatchObject({ code: 'SCAN_NOT_ALLOWED' });
    const seen = (await officer.request('GET', `/api/camera-scopes/${unit.id}`)).json();
    expect(seen).toMatchObject({ mayScan: false, cidrs: ['198.18.0.0/24'] });
  });
});
