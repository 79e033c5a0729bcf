import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { platformSecretBox } from '../core/secrets';
import { loadUnitInScope } from '../units/service';
import { CHANNEL_SPECS, createSender } from './channels/registry';
import type { ChannelSender } from './channels/types';
import type { Channel, ChannelCreate, ChannelUpdate } from './contract';
import {
  type ChannelRow,
  deleteChannelRow,
  findChannel,
  insertChannel,
  listChannelRows,
  updateChannelRow,
} from './queries';

export function toChannel(row: ChannelRow): Channel {
  const { sealedSecret, ...rest } = row;
  return { ...rest, hasSecret: sealedSecret !== null };
}

function sealSecret(secret: Record<string, unknown> | undefined): string | null {
  if (!secret || Object.keys(secret).length === 0) return null;
  return platformSecretBox().seal(JSON.stringify(secret));
}

export function openSecret(row: ChannelRow): Record<string, unknown> {
  return row.sealedSecret
    ? (JSON.parse(platformSecretBox().open(row.sealedSecret)) as Record<string, unknown>)
    : {};
}

function checked(kind: ChannelRow['kind'], part: 'settings' | 'secret', value: unknown) {
  const parsed = CHANNEL_SPECS[kind][part].safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${[part, ...i.path].join('.')}: ${i.message}`).join('; ');
  throw new AppError('CHANNEL_SETTINGS_INVALID', { problems });
}

export async function loadChannelInScope(ctx: Ctx, id: string): Promise<ChannelRow> {
  const found = await findChannel(ctx.db, id);
  if (!found) throw new AppError('CHANNEL_NOT_FOUND', { channelId: id });
  assertInScope(ctx, { id: found.channel.unitId, path: found.unitPath });
  return found.channel;
}

export async function listChannels(ctx: Ctx, unitId?: string): Promise<{ items: Channel[] }> {
  if (unitId) await loadUnitInScope(ctx, unitId);
  return { items: (await listChannelRows(ctx.db, ctx.unitPath, unitId)).map(toChannel) };
}

export async function getChannel(ctx: Ctx, id: string): Promise<Channel> {
  return toChannel(await loadChannelInScope(ctx, id));
}

export async function createChannel(ctx: Ctx, input: ChannelCreate): Promise<Channel> {
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    const row = await insertChannel(tx.db, {
      unitId: input.unitId,
      kind: input.kind,
      name: input.name,
      enabled: input.enabled,
      settings: input.settings,
      sealedSecret: sealSecret(input.secret),
    });
    await recordAudit(tx, {
      action: 'notify.channel_create',
      targetType: 'notify_channel',
      targetId: row.id,
      unitId: row.unitId,
      // Settings only: the secret never reaches the audit trail.
      details: { kind: row.kind, name: row.name, settings: row.settings },
    });
    return toChannel(row);
  });
}

export async function updateChannel(ctx: Ctx, id: string, input: ChannelUpdate): Promise<Channel> {
  return inTransaction(ctx, async (tx) => {
    const current = await loadChannelInScope(tx, id);
    const changes: Partial<ChannelRow> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.enabled !== undefined) changes.enabled = input.enabled;
    if (input.settings !== undefined) changes.settings = checked(current.kind, 'settings', input.settings);
    if (input.secret !== undefined)
      changes.sealedSecret = sealSecret(checked(current.kind, 'secret', input.secret));
    const row = await updateChannelRow(tx.db, id, changes);
    await recordAudit(tx, {
      action: 'notify.channel_update',
      targetType: 'notify_channel',
      targetId: id,
      unitId: row.unitId,
      details: { changed: Object.keys(changes), settings: row.settings },
    });
    return toChannel(row);
  });
}

export async function deleteChannel(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const current = await loadChannelInScope(tx, id);
    await deleteChannelRow(tx.db, id);
    await recordAudit(tx, {
      action: 'notify.channel_delete',
      targetType: 'notify_channel',
      targetId: id,
      unitId: current.unitId,
      details: { kind: current.kind, name: current.name },
    });
  });
}

// One sender per channel version: SMTP keeps its pooled connection between deliveries.
const senders = new Map<string, { version: number; sender: ChannelSender }>();

export function senderFor(row: ChannelRow): ChannelSender {
  const version = row.updatedAt.getTime();
  const cached = senders.get(row.id);
  if (cached && cached.version === version) return cached.sender;
  cached?.sender.close();
  const sender = createSender(row.kind, row.settings, openSecret(row));
  senders.set(row.id, { version, sender });
  return sender;
}

/** Closes pooled connections (tests, shutdown). */
export function closeSenders(): void {
  for (const { sender } of senders.values()) sender.close();
  senders.clear();
}
