import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit } from '../../test/factories';
import { mailSubject, mailText } from '../../test/mail-text';
import { createLogger } from '../core/log';
import { setPublicUrl } from '../core/public-url';
import type { Role } from '../core/roles';
import { jobs } from '../jobs/schema';
import { enqueueJob, getJob } from '../jobs/service';
import { type JobWorker, startJobWorker } from '../jobs/worker';
import { closeSenders } from '../notify/channels-service';
import { startSmtpPeer } from '../notify/test-peers';
import { createUser } from '../users/service';
import { INCIDENT_REMINDERS } from './reminders';

const PASSWORD = 'Officer-password-for-tests-1';
let t: TestApp;
let admin: Agent;
let worker: JobWorker;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let coveredUnitId = '';

async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, 'queued'));
    if (!(await worker.runOnce())) return;
  }
}

async function person(unitId: string, username: string, email: string, role: Role) {
  const input = { unitId, username, displayName: `Cán bộ ${username}`, email, role, language: 'vi' as const };
  return (await createUser(t.sys, { ...input, password: PASSWORD })).user;
}

async function openCase(agent: Agent, unitId: string) {
  const res = await agent.request('POST', '/api/incidents', {
    unitId,
    title: 'Cổng thông tin xã bị thay đổi giao diện',
    category: 'defacement',
    severity: 'high',
    // A month ago: every report's legal deadline has passed, whatever today is.
    detectedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  smtp = await startSmtpPeer();
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false });
  setPublicUrl('https://canhgac.example.vn');
});
afterAll(async () => {
  await worker.stop();
  closeSenders();
  await smtp.close();
  setPublicUrl('http://127.0.0.1:8080');
  await t.close();
});

describe('incident reminders by e-mail', () => {
  it('mails the case owner and the person on duty now; a unit without a channel is skipped', async () => {
    const covered = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-SUCO' });
    coveredUnitId = covered.id;
    const bare = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-KHONGTHU' });
    const channel = await admin.request('POST', '/api/notify/channels', {
      unitId: covered.id,
      kind: 'email',
      name: 'Thư xã',
      settings: { host: '127.0.0.1', port: smtp.port, from: 'canhgac@xa.example.vn' },
    });
    expect(channel.statusCode, channel.body).toBe(201);
    await person(covered.id, 'chu.vu', 'chuvu@xa.example.vn', 'unit_officer');
    await person(bare.id, 'chu.vu2', 'chuvu2@khac.example.vn', 'unit_officer');
    const duty = await person(covered.id, 'truc.binh', 'binh@xa.example.vn', 'on_duty');
    const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const roster = await admin.request('POST', '/api/watch/rosters', {
      unitId: covered.id,
      name: 'Trực 24/7',
      rotation: 'daily',
      handoffTime: '00:00',
      startDate: yesterday,
      members: [duty.id],
    });
    expect(roster.statusCode, roster.body).toBe(201);
    const reached = await openCase(await signIn(t.app, 'chu.vu', PASSWORD), covered.id);
    const skipped = await openCase(await signIn(t.app, 'chu.vu2', PASSWORD), bare.id);

    const job = await enqueueJob(t.sys, { kind: INCIDENT_REMINDERS, payload: {} });
    await drain();
    const done = await getJob(t.sys, job.id);
    expect(done.status).toBe('succeeded');
    const result = done.result as {
      mail: { queued: number; noChannel: number };
      items: { incidentId: string }[];
    };
    const perCase = (id: string) => result.items.filter((r) => r.incidentId === id).length;
    expect(perCase(reached.id)).toBeGreaterThan(0);
    expect(result.mail).toEqual({
      queued: perCase(reached.id),
      noChannel: perCase(skipped.id),
      noRecipient: 0,
    });

    await smtp.waitFor(2 * perCase(reached.id));
    expect(smtp.mails).toHaveLength(2 * perCase(reached.id));
    expect(new Set(smtp.mails.flatMap((m) => m.to))).toEqual(
      new Set(['chuvu@xa.example.vn', 'binh@xa.example.vn']),
    );
    const mail = smtp.mails[0]!;
    expect(mailSubject(mail.raw)).toMatch(
      new RegExp(`^\\[${reached.reference}\\] .+: đã quá hạn / report overdue$`),
    );
    const text = mailText(mail.raw);
    expect(text).toMatch(
      new RegExp(
        `^Sự cố ${reached.reference}: .+ đã quá hạn lúc \\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4} \\(giờ Việt Nam\\)\\.`,
      ),
    );
    expect(text).toContain(`https://canhgac.example.vn/incidents/${reached.id}`);
    expect(text.indexOf('Sự cố')).toBeLessThan(text.indexOf(`Incident ${reached.reference}`));

    // The next run finds nothing new: no mail twice.
    await enqueueJob(t.sys, { kind: INCIDENT_REMINDERS, payload: {} });
    await drain();
    expect(smtp.mails).toHaveLength(2 * perCase(reached.id));
  });

  it('mails the owner the case was given to, not the person who opened it', async () => {
    const opener = await signIn(t.app, 'chu.vu', PASSWORD);
    const owner = await person(coveredUnitId, 'chu.an', 'an@xa.example.vn', 'unit_officer');
    const c = await openCase(opener, coveredUnitId);
    const given = await opener.request('PUT', `/api/incidents/${c.id}/owner`, { ownerUserId: owner.id });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().ownerName).toBe('Cán bộ chu.an');
    const before = smtp.mails.length;
    const job = await enqueueJob(t.sys, { kind: INCIDENT_REMINDERS, payload: {} });
    await drain();
    const items = ((await getJob(t.sys, job.id)).result as { items: { incidentId: string }[] }).items;
    const mine = items.filter((r) => r.incidentId === c.id).length;
    expect(mine).toBeGreaterThan(0);
    await smtp.waitFor(before + 2 * mine);
    const fresh = smtp.mails.slice(before);
    expect(fresh).toHaveLength(2 * mine);
    expect(new Set(fresh.flatMap((m) => m.to))).toEqual(new Set(['an@xa.example.vn', 'binh@xa.example.vn']));
  });
});
