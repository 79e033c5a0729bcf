import { describe, expect, it } from 'vitest';
import { signIn } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { updateUser } from '../users/service';
import { openIncidentFrom } from './service';
import { counts, DETECTED, fx, openCase, setUpIncidentTests } from './test-fixture';

setUpIncidentTests();

const detail = async (id: string) => (await fx.admin.request('GET', `/api/incidents/${id}`)).json();

describe('case owner', () => {
  it('is the person who opened the case, by default; a job opens cases without one', async () => {
    const c = await openCase(fx.officer);
    const shown = await detail(c.id);
    expect(shown.ownerName).toBe('Người dùng officer');
    expect(shown.ownerUserId).not.toBeNull();
    const candidates = (await fx.officer.request('GET', `/api/incidents/${c.id}/owner-candidates`)).json();
    const officer = candidates.items.find((u: { username: string }) => u.username === 'officer');
    expect(officer.id).toBe(shown.ownerUserId);
    const { incident } = await openIncidentFrom(
      fx.t.sys,
      { kind: 'alert', id: 'owner-test-1', summary: 'Cảnh báo mã độc' },
      { unitId: fx.unit.id, category: 'malware', severity: 'medium', detectedAt: DETECTED },
    );
    expect(incident.ownerUserId).toBeNull();
  });

  it('may be a handler of an affected unit or of the root; changes are on the timeline and audited', async () => {
    const affected = await buildUnit(fx.t.sys, { parentId: fx.t.root.id, code: 'XA-ANHHUONG' });
    const neighbour = await buildUser(fx.t.sys, { unitId: affected.id, role: 'unit_officer' });
    const c = await openCase(fx.admin, { affectedUnitIds: [affected.id] });
    const before = await counts();
    const given = await fx.admin.request('PUT', `/api/incidents/${c.id}/owner`, {
      ownerUserId: neighbour.id,
    });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().ownerUserId).toBe(neighbour.id);
    expect((await counts()).audit - before.audit).toBe(1);
    const shown = await detail(c.id);
    expect(shown.ownerName).toBe(neighbour.displayName);
    expect(shown.timeline.at(-1).text).toBe(`Người phụ trách: ${neighbour.displayName}`);
    // The root's administrator steps in.
    const rootAdmin = (await fx.admin.request('GET', `/api/incidents/${c.id}/owner-candidates`))
      .json()
      .items.find((u: { username: string }) => u.username === 'admin');
    expect(rootAdmin).toBeDefined();
    const toRoot = await fx.admin.request('PUT', `/api/incidents/${c.id}/owner`, {
      ownerUserId: rootAdmin.id,
    });
    expect(toRoot.json().ownerUserId).toBe(rootAdmin.id);
    const cleared = await fx.admin.request('PUT', `/api/incidents/${c.id}/owner`, { ownerUserId: null });
    expect(cleared.json()).toMatchObject({ ownerUserId: null, ownerName: null });
  });

  it('refuses someone of an unrelated unit, a viewer or a disabled user, and writes nothing', async () => {
    const c = await openCase(fx.officer);
    const stranger = await buildUser(fx.t.sys, { unitId: fx.other.id, role: 'unit_officer' });
    const viewer = await buildUser(fx.t.sys, { unitId: fx.unit.id, role: 'viewer' });
    const gone = await buildUser(fx.t.sys, { unitId: fx.unit.id, role: 'unit_officer' });
    await updateUser(fx.t.sys, gone.id, { disabled: true });
    const ownerBefore = (await detail(c.id)).ownerUserId;
    const before = await counts();
    for (const user of [stranger, viewer, gone]) {
      const res = await fx.officer.request('PUT', `/api/incidents/${c.id}/owner`, { ownerUserId: user.id });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('INCIDENT_OWNER_INVALID');
      expect(res.json().message).toMatch(/^Người phụ trách sự cố/);
    }
    const unknown = await fx.officer.request('POST', '/api/incidents', {
      unitId: fx.unit.id,
      title: 'x',
      category: 'other',
      severity: 'low',
      detectedAt: DETECTED,
      ownerUserId: stranger.id,
    });
    expect(unknown.json().code).toBe('INCIDENT_OWNER_INVALID');
    expect(await counts()).toEqual(before);
    expect((await detail(c.id)).ownerUserId).toBe(ownerBefore);
    const candidates = (await fx.officer.request('GET', `/api/incidents/${c.id}/owner-candidates`)).json();
    const names = candidates.items.map((u: { id: string }) => u.id);
    for (const user of [stranger, viewer, gone]) expect(names).not.toContain(user.id);
  });

  it('is named at opening when the opener gives someone else', async () => {
    const colleague = await buildUser(fx.t.sys, { unitId: fx.unit.id, role: 'on_duty' });
    const c = await openCase(fx.officer, { ownerUserId: colleague.id, beyondCapacity: true });
    expect((await detail(c.id)).ownerName).toBe(colleague.displayName);
    // The owner is the contact point the Báo cáo ban đầu names (QĐ 05/2017 Art 11.4.b).
    const form = (await fx.officer.request('GET', `/api/incidents/${c.id}/reports/bao_cao_ban_dau`)).json();
    expect(form.fields.contactName).toBe(colleague.displayName);
    const viewerAgent = await signIn(
      fx.t.app,
      (await buildUser(fx.t.sys, { unitId: fx.unit.id, role: 'viewer' })).username,
      USER_PASSWORD,
    );
    expect(
      (await viewerAgent.request('PUT', `/api/incidents/${c.id}/owner`, { ownerUserId: null })).statusCode,
    ).toBe(403);
  });
});
