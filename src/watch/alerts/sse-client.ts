import { type ClientRequest, request as httpRequest } from 'node:http';

/** One Server-Sent Event as a browser's EventSource sees it. */
export type SseMessage = { id?: string; event: string; data: string };

/**
 * A minimal EventSource for tests, over a real loopback socket: parses the stream into messages (the
 * `id:`/`event:`/`data:` fields, comments dropped) and can send Last-Event-ID like a reconnecting
 * browser does. Test support only.
 */
export function openSse(
  port: number,
  path: string,
  headers: Record<string, string>,
): {
  messages: SseMessage[];
  next(event: string, count?: number): Promise<SseMessage[]>;
  ended: Promise<void>;
  close(): void;
} {
  const messages: SseMessage[] = [];
  const waiters: Array<() => void> = [];
  let req: ClientRequest | undefined;
  let done = false;
  const finish = () => {
    done = true;
    for (const wake of waiters.splice(0)) wake();
  };
  const ended = new Promise<void>((resolve, reject) => {
    req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        let pending = '';
        res.on('data', (chunk: string) => {
          pending += chunk;
          let end = pending.indexOf('\n\n');
          while (end >= 0) {
            const frame = pending.slice(0, end);
            pending = pending.slice(end + 2);
            end = pending.indexOf('\n\n');
            const message: SseMessage = { event: 'message', data: '' };
            let fields = 0;
            for (const line of frame.split('\n')) {
              const colon = line.indexOf(':');
              if (colon <= 0) continue;
              const [name, value] = [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
              if (name === 'id') message.id = value;
              else if (name === 'event') message.event = value;
              else if (name === 'data') message.data += value;
              else continue;
              fields++;
            }
            if (fields > 0) messages.push(message);
            for (const wake of waiters.splice(0)) wake();
          }
        });
        res.on('end', () => {
          finish();
          resolve();
        });
        for (const gone of ['error', 'close'] as const)
          res.on(gone, () => {
            finish();
            resolve();
          });
      },
    );
    req.on('error', (error) => {
      finish();
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') resolve();
      else reject(error);
    });
    req.end();
  });
  return {
    messages,
    /** Resolves once `count` messages of that event have arrived (or the stream ended). */
    async next(event, count = 1) {
      const of = () => messages.filter((m) => m.event === event);
      while (of().length < count && !done) await new Promise<void>((wake) => waiters.push(wake));
      return of();
    },
    ended,
    close() {
      req?.destroy();
    },
  };
}
