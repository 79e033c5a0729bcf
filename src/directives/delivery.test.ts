import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit } from '../../test/factories';
import { mailSubject, mailText } from '../../test/mail-text';
import { advanceAssessment, proposeAssessment } from '../cameras/assessments-service';
import { defaultAnswers } from '../cameras/levels/index';
import { createSystem } from '../cameras/systems-service';
import { createLogger } from '../core/log';
import { setPublicUrl } from '../core/public-url';
import { jobs } from '../jobs/schema';
import { enqueueJob, getJob } from '../jobs/service';
import { type JobWorker, startJobWorker } from '../jobs/worker';
import { closeSenders } from '../notify/channels-service';
import { startSmtpPeer } from '../notify/test-peers';
import { createUser } from '../users/service';
import { cameraLevelsEvidence } from './evidence/camera-levels';
import { watchRosterEvidence } from './evidence/watch-roster';
import { DIRECTIVES_REMIND } from './reminders';
import { buildDirectiveFor } from './test-fixtures';

let t: TestApp;
let admin: Agent;
let worker: JobWorker;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;

async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, 'queued'));
    if (!(await worker.runOnce())) return;
  }
}

async function officer(
  unitId: string,
  username: string,
  email: string | null,
  role = 'unit_officer' as const,
) {
  const { user } = await createUser(t.sys, {
    unitId,
    username,
    displayName: `Cán bộ ${username}`,
    email,
    role,
    language: 'vi',
    password: 'Officer-password-for-tests-1',
  });
  return user;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  smtp = await startSmtpPeer();
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false });
  setPublicUrl('https://canhgac.example.vn/');
});
afterAll(async () => {
  await worker.stop();
  closeSenders();
  await smtp.close();
  setPublicUrl('http://127.0.0.1:8080');
  await t.close();
});

describe('directive reminders by e-mail', () => {
  it('mails the assigned unit’s officers through the nearest channel and skips a unit without one', async () => {
    const withMail = await buildUnit(t.sys, { parentId: t.root.id, code: 'HUYEN-MAIL', kind: 'district' });
    const without = await buildUnit(t.sys, { parentId: t.root.id, code: 'HUYEN-NOMAIL', kind: 'district' });
    const channel = await admin.request('POST', '/api/notify/channels', {
      unitId: withMail.id,
      kind: 'email',
      name: 'Thư huyện',
      settings: { host: '127.0.0.1', port: smtp.port, from: 'canhgac@huyen.example.vn' },
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const reached = await buildDirectiveFor(t.sys, withMail);
    const skipped = await buildDirectiveFor(t.sys, without);
    await officer(reached.below.id, 'canbo.xa', 'canbo@xa.example.vn');
    await officer(reached.below.id, 'canbo.nomail', null);
    await officer(reached.below.id, 'xem.xa', 'viewer@xa.example.vn', 'viewer' as never);
    await officer(skipped.below.id, 'canbo.khac', 'canbo@khac.example.vn');

    const job = await enqueueJob(t.sys, { kind: DIRECTIVES_REMIND, payload: {} });
    await drain();
    await smtp.waitFor(1);
    const done = await getJob(t.sys, job.id);
    expect(done.status).toBe('succeeded');
    expect((done.result as { mail: unknown }).mail).toEqual({ queued: 1, noChannel: 1, noRecipient: 0 });

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['canbo@xa.example.vn']);
    const number = reached.directive.number;
    expect(mailSubject(mail.raw)).toBe(
      `[${number}] Nhiệm vụ đã quá hạn 01/04/2023 / Task overdue since 2023-04-01`,
    );
    const text = mailText(mail.raw);
    expect(text).toContain(`Văn bản số ${number}, nhiệm vụ 1:\nRà soát lỗ hổng`);
    expect(text).toContain('Hạn hoàn thành: 01/04/2023 (đã quá hạn).');
    expect(text).toContain('https://canhgac.example.vn/my-tasks');
    expect(text.indexOf('Hạn hoàn thành')).toBeLessThan(text.indexOf('Deadline: 2023-04-01 (overdue).'));

    // The same day again: nothing recorded, nothing sent twice.
    await enqueueJob(t.sys, { kind: DIRECTIVES_REMIND, payload: {} });
    await drain();
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('evidence providers', () => {
  it('camera levels: the unit’s systems and how many have an approved level, with the level', async () => {
    const unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-CAMERA' });
    const bare = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-NOCAMERA' });
    const gate = await createSystem(t.sys, { unitId: unit.id, name: 'Camera cổng UBND' } as never);
    await createSystem(t.sys, { unitId: unit.id, name: 'Camera chợ' } as never);
    const proposed = await createSystem(t.sys, { unitId: unit.id, name: 'Camera trường học' } as never);
    const a = await proposeAssessment(t.sys, gate.id, { regime: 'nd85-2016', answers: defaultAnswers() });
    const step = { body: 'Sở', note: null, decisionRef: null };
    await advanceAssessment(t.sys, gate.id, a.id, 'appraise', step);
    const approved = await advanceAssessment(t.sys, gate.id, a.id, 'approve', step);
    await proposeAssessment(t.sys, proposed.id, { regime: 'nd85-2016', answers: defaultAnswers() });

    const result = await cameraLevelsEvidence.load(t.sys, null, [
      { id: unit.id, name: unit.name },
      { id: bare.id, name: bare.name },
    ]);
    expect(result.state).toBe('live');
    const [own, none] = result.units;
    expect(own!.figures).toMatchObject({ systems: 3, approvedSystems: 1, pendingSystems: 2 });
    expect(own!.figures[`level${approved.level}`]).toBe(1);
    expect(own!.summary).toBe(
      `1/3 hệ thống đã được phê duyệt cấp độ (Camera cổng UBND: cấp độ ${approved.level})`,
    );
    expect(none!.figures).toMatchObject({ systems: 0, approvedSystems: 0 });
    expect(result.totals).toMatchObject({ systems: 3, approvedSystems: 1, pendingSystems: 2 });
  });

  it('watch roster: own roster or the nearest ancestor’s, and who is on duty now', async () => {
    const district = await buildUnit(t.sys, { parentId: t.root.id, code: 'HUYEN-TRUC', kind: 'district' });
    const commune = await buildUnit(t.sys, { parentId: district.id, code: 'XA-TRUC' });
    const alone = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-KHONGTRUC' });
    const an = await officer(district.id, 'truc.an', 'an@huyen.example.vn', 'on_duty' as never);
    // Started yesterday (Vietnam time), so that now is always inside the rotation; a single member.
    const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const roster = await admin.request('POST', '/api/watch/rosters', {
      unitId: district.id,
      name: 'Trực 24/7 huyện',
      rotation: 'daily',
      handoffTime: '00:00',
      startDate: yesterday,
      members: [an.id],
    });
    expect(roster.statusCode, roster.body).toBe(201);

    const units = [district, commune, alone].map((u) => ({ id: u.id, name: u.name }));
    const result = await watchRosterEvidence.load(t.sys, null, units);
    expect(result.state).toBe('live');
    expect(result.units.map((u) => u.figures)).toEqual([
      { covered: 1, ownRoster: 1, onDuty: 1 },
      { covered: 1, ownRoster: 0, onDuty: 1 },
      { covered: 0, ownRoster: 0, onDuty: 0 },
    ]);
    expect(result.units[0]!.summary).toBe(
      'Lịch trực "Trực 24/7 huyện" của đơn vị, đang trực: Cán bộ truc.an',
    );
    expect(result.units[1]!.summary).toContain('của đơn vị cấp trên');
    expect(result.units[2]!.summary).toBe('Chưa có lịch trực');
    expect(result.totals).toEqual({ covered: 2, ownRoster: 1, onDuty: 2 });
  });
});
