import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { EmailSecret, EmailSettings } from './channels/email';
import { TelegramSecret, TelegramSettings } from './channels/telegram';
import { WebhookSecret, WebhookSettings } from './channels/webhook';
import { CHANNEL_KINDS, DELIVERY_PURPOSES, DELIVERY_STATUSES } from './model';

const Name = z.string().trim().min(1).max(120);
const common = { unitId: z.uuid(), name: Name, enabled: z.boolean().default(true) };

export const ChannelCreate = z.discriminatedUnion('kind', [
  z
    .object({ ...common, kind: z.literal('email'), settings: EmailSettings, secret: EmailSecret.optional() })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('webhook'),
      settings: WebhookSettings,
      secret: WebhookSecret.optional(),
    })
    .strict(),
  z
    .object({ ...common, kind: z.literal('telegram'), settings: TelegramSettings, secret: TelegramSecret })
    .strict(),
]);
export type ChannelCreate = z.output<typeof ChannelCreate>;

/** Settings and secret are checked against the channel's kind by the service; an absent secret is kept. */
export const ChannelUpdate = z
  .object({
    name: Name.optional(),
    enabled: z.boolean().optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    secret: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ChannelUpdate = z.output<typeof ChannelUpdate>;

export const Channel = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  /** Whether a password/token/key is stored; its value never leaves the server. */
  hasSecret: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Channel = z.infer<typeof Channel>;

export const ChannelQuery = z.object({ unitId: z.uuid().optional() }).strict();
export const ChannelList = z.object({ items: z.array(Channel) });
export const ChannelIdParams = z.object({ id: z.uuid() }).strict();
export const ChannelTest = z.object({ to: z.email().max(200).optional() }).strict();

export const Delivery = z.object({
  id: z.uuid(),
  channelId: z.uuid().nullable(),
  channelName: z.string().nullable(),
  unitId: z.uuid(),
  kind: z.enum(CHANNEL_KINDS),
  purpose: z.enum(DELIVERY_PURPOSES),
  recipient: z.string(),
  subject: z.string(),
  refType: z.string().nullable(),
  refId: z.uuid().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  lastAttemptAt: z.date().nullable(),
  sentAt: z.date().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryAttempt = z.object({
  at: z.date(),
  ok: z.boolean(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});
export const DeliveryDetail = Delivery.extend({ attemptLog: z.array(DeliveryAttempt) });

export const DeliveryQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  channelId: z.uuid().optional(),
  refId: z.uuid().optional(),
}).strict();
export type DeliveryQuery = z.output<typeof DeliveryQuery>;
export const DeliveryPage = pageOf(Delivery);
export const DeliveryIdParams = z.object({ id: z.uuid() }).strict();
