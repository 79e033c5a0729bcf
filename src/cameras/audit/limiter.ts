/**
 * Concurrency and rate limits for the whole run: at most `maxSockets` sockets open at once and at most
 * `ratePerSecond` new connections or datagrams per second (a token bucket refilled continuously).
 */
export class Limiter {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private tokens: number;
  private last = performance.now();

  constructor(
    readonly maxSockets: number,
    readonly ratePerSecond: number,
  ) {
    this.tokens = Math.min(ratePerSecond, maxSockets);
  }

  /** Runs `fn` holding one socket slot and one rate token. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      await this.takeToken(signal);
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.maxSockets) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }

  private async takeToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = performance.now();
      this.tokens = Math.min(
        this.ratePerSecond,
        this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
      );
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000)));
    }
  }
}

/** Runs `worker` over `items` with `concurrency` parallel workers; stops taking items when aborted. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  signal: AbortSignal,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length && !signal.aborted) {
      const item = items[next++] as T;
      await worker(item);
    }
  });
  await Promise.all(runners);
}
