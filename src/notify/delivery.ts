import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import type { Executor } from '../db/client';
import { enqueueJob } from '../jobs/service';
import { wakeJobWorkers } from '../jobs/wake';
import { loadUnitInScope } from '../units/service';
import { DeliveryError } from './channels/types';
import { loadChannelInScope, senderFor } from './channels-service';
import type { Delivery, DeliveryQuery } from './contract';
import { DELIVERY_MAX_ATTEMPTS, NOTIFY_DELIVER } from './job-names';
import type { Attachment, DeliveryPurpose, Message } from './model';
import { announceJobsQueued } from './node-wake';
import {
  type ChannelRow,
  channelsOfUnits,
  type DeliveryRow,
  findChannel,
  findDelivery,
  insertDelivery,
  listAttempts,
  listDeliveryRows,
  recordAttempt,
} from './queries';

function toDelivery(row: DeliveryRow, channelName: string | null): Delivery {
  const { message: _m, ...rest } = row;
  return { ...rest, channelName };
}

export type QueueDelivery = {
  channel: ChannelRow;
  unitId: string;
  recipient?: string;
  message: Message;
  purpose: DeliveryPurpose;
  ref?: { type: string; id: string };
  /**
   * The caller sends the first attempt itself right after its commit (deliverOnce): the job is then
   * only the safety net (the node died, or the attempt failed) and waits INLINE_GRACE_MS, longer than a
   * send may take (15 s), so that it cannot send the same message while the first attempt is running.
   */
  sendingInline?: boolean;
};

export const INLINE_GRACE_MS = 30_000;

/**
 * Records the delivery and queues its job in the caller's transaction (an outbox: the message goes
 * out if and only if the work that asked for it commits). Returns the delivery id.
 */
export async function queueDelivery(ctx: Ctx, input: QueueDelivery): Promise<string> {
  return inTransaction(ctx, async (tx) => {
    const row = await insertDelivery(tx.db, {
      channelId: input.channel.id,
      unitId: input.unitId,
      kind: input.channel.kind,
      purpose: input.purpose,
      recipient: input.recipient ?? '',
      subject: input.message.subject.slice(0, 500),
      message: input.message,
      refType: input.ref?.type ?? null,
      refId: input.ref?.id ?? null,
      maxAttempts: DELIVERY_MAX_ATTEMPTS,
    });
    await enqueueJob(tx, {
      kind: NOTIFY_DELIVER,
      payload: { deliveryId: row.id },
      unitId: input.unitId,
      maxAttempts: DELIVERY_MAX_ATTEMPTS,
      ...(input.sendingInline ? { runAt: new Date(Date.now() + INLINE_GRACE_MS) } : {}),
    });
    if (input.sendingInline) return row.id;
    // Every node's worker hears it at commit (several nodes on one PostgreSQL).
    await announceJobsQueued(tx.db);
    return row.id;
  });
}

/** The unit's ids from itself up to the root, nearest first ("/root/a/b/" → b, a, root). */
export function unitChain(unitPath: string): string[] {
  return unitPath.split('/').filter(Boolean).reverse();
}

export type SendEmail = {
  /** The unit the mail is sent for: its own e-mail channel, else the nearest ancestor's. */
  unitId: string;
  to: string | string[];
  subject: string;
  text: string;
  attachments?: Attachment[];
};

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** For every capability (incidents send DOCX reports): queued, retried, logged like alert mail. */
export async function sendEmail(ctx: Ctx, input: SendEmail): Promise<{ deliveryIds: string[] }> {
  const unit = await loadUnitInScope(ctx, input.unitId);
  const size = (input.attachments ?? []).reduce((n, a) => n + (a.contentBase64.length * 3) / 4, 0);
  if (size > MAX_ATTACHMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  // The unit's own channel first, else the nearest ancestor's; a unit's oldest channel is its main one.
  const byUnit = new Map<string, ChannelRow>();
  for (const c of await channelsOfUnits(ctx.db, unitChain(unit.path), 'email'))
    if (!byUnit.has(c.unitId)) byUnit.set(c.unitId, c);
  const channel = unitChain(unit.path)
    .map((id) => byUnit.get(id))
    .find(Boolean);
  if (!channel) throw new AppError('EMAIL_CHANNEL_MISSING', { unitId: unit.id });
  const recipients = [...new Set(Array.isArray(input.to) ? input.to : [input.to])];
  const ids = await inTransaction(ctx, async (tx) => {
    const out: string[] = [];
    for (const to of recipients) {
      const message: Message = {
        to,
        subject: input.subject,
        text: input.text,
        attachments: input.attachments ?? [],
      };
      out.push(
        await queueDelivery(tx, { channel, unitId: unit.id, recipient: to, message, purpose: 'email' }),
      );
    }
    await recordAudit(tx, {
      action: 'notify.email_queue',
      targetType: 'notify_channel',
      targetId: channel.id,
      unitId: unit.id,
      details: {
        to: recipients,
        subject: input.subject,
        attachments: (input.attachments ?? []).map((a) => a.filename),
      },
    });
    return out;
  });
  wakeJobWorkers();
  return { deliveryIds: ids };
}

async function attempt(row: DeliveryRow, channel: ChannelRow | undefined) {
  const started = performance.now();
  try {
    if (!channel) throw new DeliveryError('the channel was deleted', false);
    if (!channel.enabled) throw new DeliveryError('the channel is disabled', false);
    await senderFor(channel).send(row.message);
    return { ok: true, error: null, retryable: false, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const retryable = error instanceof DeliveryError ? error.retryable : true;
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    return { ok: false, error: text, retryable, durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * One try of a queued delivery (the notify.deliver job). A retryable failure throws, so the job worker
 * tries again later with its back-off; the last failure or a permanent one marks the delivery failed.
 */
export async function deliverOnce(db: Executor, deliveryId: string): Promise<DeliveryRow | undefined> {
  const found = await findDelivery(db, deliveryId);
  if (found?.delivery.status !== 'queued') return found?.delivery;
  const row = found.delivery;
  const channel = row.channelId ? (await findChannel(db, row.channelId))?.channel : undefined;
  const result = await attempt(row, channel);
  const final = result.ok || !result.retryable || row.attempts + 1 >= row.maxAttempts;
  const updated = await db.transaction((tx) => recordAttempt(tx, row.id, { ...result, final }));
  if (!result.ok && !final) throw new Error(result.error ?? 'delivery failed');
  return updated;
}

/** Sends a test message through a channel at once and logs it like any delivery. */
export async function testChannel(ctx: Ctx, id: string, to: string | undefined): Promise<Delivery> {
  const channel = await loadChannelInScope(ctx, id);
  if (channel.kind === 'email' && !to) throw new AppError('EMAIL_RECIPIENT_REQUIRED');
  const message: Message = {
    to: to ?? '',
    subject: 'Canh Gác: thử kênh thông báo / notification channel test',
    text: `Kênh "${channel.name}" hoạt động.\nThe channel "${channel.name}" works.`,
    data: { test: true, channelId: channel.id },
  };
  const row = await inTransaction(ctx, async (tx) => {
    const created = await insertDelivery(tx.db, {
      channelId: channel.id,
      unitId: channel.unitId,
      kind: channel.kind,
      purpose: 'test',
      recipient: to ?? '',
      subject: message.subject,
      message,
      maxAttempts: 1,
    });
    await recordAudit(tx, {
      action: 'notify.channel_test',
      targetType: 'notify_channel',
      targetId: channel.id,
      unitId: channel.unitId,
      details: { to: to ?? null },
    });
    return created;
  });
  const result = await attempt(row, channel);
  const updated = await ctx.db.transaction((tx) => recordAttempt(tx, row.id, { ...result, final: true }));
  return toDelivery(updated, channel.name);
}

export async function listDeliveries(ctx: Ctx, query: DeliveryQuery): Promise<Page<Delivery>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const { items, total } = await listDeliveryRows(ctx.db, ctx.unitPath, query);
  return {
    items: items.map((r) => toDelivery(r.delivery, r.channelName)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getDelivery(ctx: Ctx, id: string) {
  const found = await findDelivery(ctx.db, id);
  if (!found) throw new AppError('DELIVERY_NOT_FOUND', { deliveryId: id });
  assertInScope(ctx, { id: found.delivery.unitId, path: found.unitPath });
  return { ...toDelivery(found.delivery, found.channelName), attemptLog: await listAttempts(ctx.db, id) };
}
