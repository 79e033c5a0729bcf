import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit } from '../../test/factories';
import { createLogger } from '../core/log';
import { auditLog } from '../core/schema';
import { jobs } from '../jobs/schema';
import { type JobWorker, startJobWorker } from '../jobs/worker';
import { webhookSignature } from './channels/webhook';
import { closeSenders } from './channels-service';
import { sendEmail } from './delivery';
import { notifyChannels, notifyDeliveries } from './schema';
import { startHttpPeer, startSmtpPeer, startTelegramPeer } from './test-peers';

const BOT_TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345';
const HMAC_KEY = 'webhook-signing-key-0123456789';

let t: TestApp;
let admin: Agent;
let worker: JobWorker;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let unitId: string;

/** Runs every job that is due, making retries due at once (the back-off is the worker's, tested there). */
async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, 'queued'));
    if (!(await worker.runOnce())) return;
  }
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unitId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'NOTIFY' })).id;
  smtp = await startSmtpPeer({ username: 'canhgac', password: 'smtp-pass-secret' });
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false });
});
afterAll(async () => {
  await worker.stop();
  closeSenders();
  await smtp.close();
  await t.close();
});

async function createChannel(body: unknown) {
  const res = await admin.request('POST', '/api/notify/channels', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; hasSecret: boolean; settings: Record<string, unknown> };
}

function emailChannel(unit = t.root.id) {
  return createChannel({
    unitId: unit,
    kind: 'email',
    name: 'Máy chủ thư',
    settings: { host: '127.0.0.1', port: smtp.port, username: 'canhgac', from: 'canhgac@soc.example.vn' },
    secret: { password: 'smtp-pass-secret' },
  });
}

describe('channels', () => {
  it('seals the secret: never in the API answer, the row or the audit trail', async () => {
    const channel = await emailChannel();
    expect(channel.hasSecret).toBe(true);
    expect(JSON.stringify(channel)).not.toContain('smtp-pass-secret');
    const [row] = await t.db.select().from(notifyChannels).where(eq(notifyChannels.id, channel.id));
    expect(row!.sealedSecret).toMatch(/^v1:/);
    expect(row!.sealedSecret).not.toContain('smtp-pass-secret');
    const leaked = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`${auditLog.details}::text like '%smtp-pass-secret%'`);
    expect(leaked[0]!.n).toBe(0);
  });

  it('refuses bad settings in the caller’s language and stores nothing', async () => {
    const before = (await t.db.select().from(notifyChannels)).length;
    const res = await admin.request('POST', '/api/notify/channels', {
      unitId: t.root.id,
      kind: 'telegram',
      name: 'x',
      settings: { chatId: 'not a chat' },
      secret: { botToken: 'nope' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    const patch = await admin.request('PATCH', `/api/notify/channels/${(await emailChannel()).id}`, {
      settings: { host: '' },
    });
    expect(patch.json().code).toBe('CHANNEL_SETTINGS_INVALID');
    expect((await t.db.select().from(notifyChannels)).length).toBe(before + 1);
  });

  it('sends a test e-mail through a real SMTP server with authentication', async () => {
    const channel = await emailChannel();
    const before = smtp.mails.length;
    const res = await admin.request('POST', `/api/notify/channels/${channel.id}/test`, {
      to: 'truc@xa.example.vn',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'sent', attempts: 1, purpose: 'test' });
    expect(smtp.mails.length).toBe(before + 1);
    expect(smtp.mails.at(-1)!.to).toEqual(['truc@xa.example.vn']);
  });

  it('logs a refused test with the server’s error (wrong password)', async () => {
    const channel = await emailChannel();
    await admin.request('PATCH', `/api/notify/channels/${channel.id}`, { secret: { password: 'wrong' } });
    const res = await admin.request('POST', `/api/notify/channels/${channel.id}/test`, { to: 'a@b.vn' });
    expect(res.json().status).toBe('failed');
    expect(res.json().lastError).toMatch(/auth|credentials|535/i);
  });

  it('posts to the Telegram Bot API at the configured base URL', async () => {
    const telegram = await startTelegramPeer(BOT_TOKEN);
    try {
      const channel = await createChannel({
        unitId: t.root.id,
        kind: 'telegram',
        name: 'Nhóm trực',
        settings: { baseUrl: telegram.url, chatId: '-1001234567890' },
        secret: { botToken: BOT_TOKEN },
      });
      const res = await admin.request('POST', `/api/notify/channels/${channel.id}/test`, {});
      expect(res.json().status, res.body).toBe('sent');
      const sent = JSON.parse(telegram.hits[0]!.body);
      expect(sent.chat_id).toBe('-1001234567890');
      expect(sent.text).toContain('Canh Gác');
      // A wrong token: Telegram's 404 is logged without the token.
      await admin.request('PATCH', `/api/notify/channels/${channel.id}`, {
        secret: { botToken: '999999:ZZZdefGHIjklMNOpqrSTUvwxYZ012345' },
      });
      const failed = await admin.request('POST', `/api/notify/channels/${channel.id}/test`, {});
      expect(failed.json().status).toBe('failed');
      expect(failed.json().lastError).not.toContain('ZZZdef');
    } finally {
      await telegram.close();
    }
  });
});

describe('deliveries', () => {
  it('retries a webhook that answers 503, then logs each attempt; the signature verifies', async () => {
    const peer = await startHttpPeer((_hit, i) => ({ status: i < 2 ? 503 : 200 }));
    try {
      const channel = await createChannel({
        unitId: t.root.id,
        kind: 'webhook',
        name: 'SOAR',
        settings: { url: `${peer.url}/hook` },
        secret: { hmacKey: HMAC_KEY },
      });
      const { queueDelivery } = await import('./delivery');
      const [row] = await t.db.select().from(notifyChannels).where(eq(notifyChannels.id, channel.id));
      const id = await queueDelivery(t.sys, {
        channel: row!,
        unitId: t.root.id,
        message: { to: '', subject: 'Cảnh báo', text: 'x', data: { alertId: 'a' } },
        purpose: 'alert',
      });
      await drain();
      expect(peer.hits.length).toBe(3);
      const res = await admin.request('GET', `/api/notify/deliveries/${id}`);
      expect(res.json()).toMatchObject({ status: 'sent', attempts: 3 });
      expect(res.json().attemptLog.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, true]);
      expect(res.json().attemptLog[0].error).toContain('503');
      const hit = peer.hits[2]!;
      const ts = hit.headers['x-canhgac-timestamp'] as string;
      expect(hit.headers['x-canhgac-signature']).toBe(webhookSignature(HMAC_KEY, ts, hit.body));
      expect(JSON.parse(hit.body)).toMatchObject({ subject: 'Cảnh báo', data: { alertId: 'a' } });
    } finally {
      await peer.close();
    }
  });

  it('fails at once on a permanent refusal (HTTP 400) and gives up after the last attempt', async () => {
    const peer = await startHttpPeer(() => ({ status: 400, body: '{"error":"bad"}' }));
    const down = await startHttpPeer(() => ({ status: 500 }));
    try {
      const { queueDelivery } = await import('./delivery');
      const ids: string[] = [];
      for (const url of [peer.url, down.url]) {
        const channel = await createChannel({
          unitId: t.root.id,
          kind: 'webhook',
          name: 'w',
          settings: { url },
        });
        const [row] = await t.db.select().from(notifyChannels).where(eq(notifyChannels.id, channel.id));
        ids.push(
          await queueDelivery(t.sys, {
            channel: row!,
            unitId: t.root.id,
            message: { to: '', subject: 's', text: 't' },
            purpose: 'alert',
          }),
        );
      }
      await drain();
      const rows = await Promise.all(
        ids.map(
          async (id) => (await t.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.id, id)))[0]!,
        ),
      );
      expect(rows[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect(rows[1]).toMatchObject({ status: 'failed', attempts: 5 });
      expect(down.hits.length).toBe(5);
    } finally {
      await peer.close();
      await down.close();
    }
  });

  it('sendEmail uses the nearest unit’s e-mail channel and carries attachments', async () => {
    const child = await buildUnit(t.sys, { parentId: unitId, code: 'NOTIFY-CHILD' });
    await emailChannel(unitId);
    const before = smtp.mails.length;
    const docx = Buffer.from('PK\u0003\u0004 not really a docx');
    const { deliveryIds } = await sendEmail(t.sys, {
      unitId: child.id,
      to: ['lanhdao@tinh.example.vn'],
      subject: 'Báo cáo ban đầu sự cố',
      text: 'Kính gửi…',
      attachments: [
        {
          filename: 'bao-cao.docx',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          contentBase64: docx.toString('base64'),
        },
      ],
    });
    await drain();
    await smtp.waitFor(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['lanhdao@tinh.example.vn']);
    expect(mail.raw).toContain('bao-cao.docx');
    expect(mail.raw).toContain(docx.toString('base64').slice(0, 20));
    const list = await admin.request('GET', `/api/notify/deliveries?unitId=${child.id}`);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual(deliveryIds);
  });

  it('sendEmail says clearly when no e-mail channel covers the unit', async () => {
    await t.db.update(notifyChannels).set({ enabled: false }).where(eq(notifyChannels.kind, 'email'));
    try {
      await expect(sendEmail(t.sys, { unitId, to: 'a@b.vn', subject: 's', text: 't' })).rejects.toMatchObject(
        {
          code: 'EMAIL_CHANNEL_MISSING',
        },
      );
    } finally {
      await t.db.update(notifyChannels).set({ enabled: true }).where(eq(notifyChannels.kind, 'email'));
    }
  });
});
