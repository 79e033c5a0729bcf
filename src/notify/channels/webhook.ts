import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Message } from '../model';
import { postJson } from './http-post';
import type { ChannelSender } from './types';

export const WebhookSettings = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .strict();
export type WebhookSettings = z.output<typeof WebhookSettings>;

/** The signing key: receivers check X-CanhGac-Signature, so a forged POST is refused. */
export const WebhookSecret = z.object({ hmacKey: z.string().min(16).max(500).optional() }).strict();
export type WebhookSecret = z.output<typeof WebhookSecret>;

export const SIGNATURE_HEADER = 'x-canhgac-signature';
export const TIMESTAMP_HEADER = 'x-canhgac-timestamp';

/** sha256=<hex> of "<timestamp>.<body>": the timestamp stops a captured request from being replayed later. */
export function webhookSignature(key: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookBody(message: Message): string {
  return JSON.stringify({
    subject: message.subject,
    text: message.text,
    link: message.link ?? null,
    data: message.data ?? {},
  });
}

/** A generic JSON POST that SOAR tools, chat bridges and scripts can take in. */
export function createWebhookSender(settings: WebhookSettings, secret: WebhookSecret): ChannelSender {
  return {
    async send(message) {
      const body = webhookBody(message);
      const headers: Record<string, string> = {};
      if (secret.hmacKey) {
        const timestamp = Math.floor(Date.now() / 1000).toString();
        headers[TIMESTAMP_HEADER] = timestamp;
        headers[SIGNATURE_HEADER] = webhookSignature(secret.hmacKey, timestamp, body);
      }
      const { status } = await postJson(settings.url, body, headers);
      return { peerId: `HTTP ${status}` };
    },
    close: () => undefined,
  };
}
