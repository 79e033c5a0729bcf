import type { Message } from '../model';

/** What every channel kind offers: send one message, or throw with the peer's reason. */
export type ChannelSender = {
  send(message: Message): Promise<{ peerId?: string }>;
  /** Frees pooled connections (SMTP); a no-op for stateless kinds. */
  close(): void;
};

/** A peer that answers slowly must not hold the job worker: every channel gives up after this. */
export const SEND_TIMEOUT_MS = 15_000;

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** false: retrying cannot help (bad address, 4xx from a webhook): the delivery fails at once. */
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
