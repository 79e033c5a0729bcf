import { z } from 'zod';
import type { Message } from '../model';
import { postJson } from './http-post';
import { type ChannelSender, DeliveryError } from './types';

export const TELEGRAM_API = 'https://api.telegram.org';

export const TelegramSettings = z
  .object({
    /** The Bot API's address; a local Bot API server or a test double may stand in for it. */
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .default(TELEGRAM_API),
    /** The duty group's chat id (negative for groups) or @channelusername. */
    chatId: z
      .string()
      .trim()
      .regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/, 'format.telegram-chat'),
  })
  .strict();
export type TelegramSettings = z.output<typeof TelegramSettings>;

export const TelegramSecret = z
  .object({ botToken: z.string().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, 'format.telegram-token') })
  .strict();
export type TelegramSecret = z.output<typeof TelegramSecret>;

/** Telegram allows 4096 characters a message. */
const MAX_TEXT = 4000;

export function telegramText(message: Message): string {
  const text = `${message.subject}\n\n${message.text}${message.link ? `\n\n${message.link}` : ''}`;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** sendMessage of the Bot API, as plain text (no parse_mode: rule titles may hold any character). */
export function createTelegramSender(settings: TelegramSettings, secret: TelegramSecret): ChannelSender {
  const base = settings.baseUrl.replace(/\/+$/, '');
  return {
    async send(message) {
      const url = `${base}/bot${secret.botToken}/sendMessage`;
      const body = JSON.stringify({
        chat_id: settings.chatId,
        text: telegramText(message),
        disable_web_page_preview: true,
      });
      let answer: { text: string };
      try {
        answer = await postJson(url, body);
      } catch (error) {
        // The URL holds the bot token: never let it reach the delivery log.
        const text = (error as Error).message.split(secret.botToken).join('***');
        throw new DeliveryError(text, error instanceof DeliveryError ? error.retryable : true);
      }
      const parsed = JSON.parse(answer.text) as { ok?: boolean; result?: { message_id?: number } };
      if (!parsed.ok) throw new DeliveryError(`Telegram refused: ${answer.text.slice(0, 300)}`, false);
      return { peerId: String(parsed.result?.message_id ?? '') };
    },
    close: () => undefined,
  };
}
