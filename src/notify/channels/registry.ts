import type { z } from 'zod';
import type { ChannelKind } from '../model';
import { createEmailSender, EmailSecret, EmailSettings } from './email';
import { createTelegramSender, TelegramSecret, TelegramSettings } from './telegram';
import type { ChannelSender } from './types';
import { createWebhookSender, WebhookSecret, WebhookSettings } from './webhook';

type KindSpec = {
  settings: z.ZodType<Record<string, unknown>>;
  secret: z.ZodType<Record<string, unknown>>;
  create(settings: never, secret: never): ChannelSender;
};

/** One entry per channel kind: its settings, its secret part, and how to build its sender. */
export const CHANNEL_SPECS: Record<ChannelKind, KindSpec> = {
  email: { settings: EmailSettings, secret: EmailSecret, create: createEmailSender },
  webhook: { settings: WebhookSettings, secret: WebhookSecret, create: createWebhookSender },
  telegram: { settings: TelegramSettings, secret: TelegramSecret, create: createTelegramSender },
};

export function createSender(
  kind: ChannelKind,
  settings: Record<string, unknown>,
  secret: Record<string, unknown>,
): ChannelSender {
  const spec = CHANNEL_SPECS[kind];
  return spec.create(spec.settings.parse(settings) as never, spec.secret.parse(secret) as never);
}
