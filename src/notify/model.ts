/** Shared constants of notifications, imported by schema, contract and code (no zod, no database). */
export const CHANNEL_KINDS = ['email', 'webhook', 'telegram'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What a delivery is for: shown in the delivery log and used to find a message's origin. */
export const DELIVERY_PURPOSES = ['alert', 'escalation', 'test', 'email'] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];

export type Attachment = { filename: string; contentType: string; contentBase64: string };

/** One message, rendered once, sent by any channel kind; the channel decides what it uses. */
export type Message = {
  /** An e-mail address (email), empty for webhook and telegram (they post to their configured target). */
  to: string;
  subject: string;
  text: string;
  /** The signed acknowledge link, when the message is about an alert. */
  link?: string;
  /** Machine-readable facts for webhooks (alert id, level, unit…). */
  data?: Record<string, unknown>;
  attachments?: Attachment[];
};
