import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Message } from '../model';
import { type ChannelSender, DeliveryError, SEND_TIMEOUT_MS } from './types';

export const EmailSettings = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
    secure: z.boolean().default(false),
    /** Refuse to send in clear when the server offers no STARTTLS. */
    requireTls: z.boolean().default(false),
    /** Off only for a server with a self-signed certificate on a closed network. */
    verifyCertificate: z.boolean().default(true),
    username: z.string().trim().max(255).optional(),
    from: z.string().trim().min(3).max(255),
  })
  .strict();
export type EmailSettings = z.output<typeof EmailSettings>;

export const EmailSecret = z.object({ password: z.string().max(500).optional() }).strict();
export type EmailSecret = z.output<typeof EmailSecret>;

/** SMTP over nodemailer, one pooled connection per channel so a burst of alerts reuses it. */
export function createEmailSender(settings: EmailSettings, secret: EmailSecret): ChannelSender {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    pool: true,
    maxConnections: 2,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
    tls: { rejectUnauthorized: settings.verifyCertificate },
    ...(settings.username ? { auth: { user: settings.username, pass: secret.password ?? '' } } : {}),
  });
  return {
    async send(message: Message) {
      if (!message.to) throw new DeliveryError('no e-mail address for the recipient', false);
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.link ? `${message.text}\n\n${message.link}\n` : message.text,
          attachments: (message.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.contentBase64, 'base64'),
          })),
        });
        return { peerId: info.messageId };
      } catch (error) {
        const smtp = error as { responseCode?: number; message?: string };
        // 5xx is a permanent refusal (unknown mailbox, policy); 4xx and network errors may pass later.
        const permanent = typeof smtp.responseCode === 'number' && smtp.responseCode >= 500;
        throw new DeliveryError(smtp.message ?? String(error), !permanent);
      }
    },
    close: () => transport.close(),
  };
}
