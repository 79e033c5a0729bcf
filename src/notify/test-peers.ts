import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Test peers on loopback only: a real SMTP server, a webhook receiver, a Telegram Bot API double. */
export type SmtpMail = { from: string; to: string[]; raw: string; at: number };

export async function startSmtpPeer(options: { username?: string; password?: string } = {}) {
  const mails: SmtpMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.username ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.username,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.username && auth.password === options.password)
        callback(null, { user: auth.username });
      else callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          at: performance.now(),
        });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`SMTP peer got ${mails.length} of ${count} mails`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type HttpHit = { url: string; headers: IncomingMessage['headers']; body: string; at: number };

/** Answers each POST with the next status in `statuses` (the last one repeats), recording what came. */
export async function startHttpPeer(
  answer: (hit: HttpHit, index: number) => { status: number; body?: string },
) {
  const hits: HttpHit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = {
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      hits.push(hit);
      const { status, body } = answer(hit, hits.length - 1);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bit of the Telegram Bot API the channel uses: POST /bot<token>/sendMessage. */
export function startTelegramPeer(botToken: string) {
  return startHttpPeer((hit) => {
    if (hit.url !== `/bot${botToken}/sendMessage`)
      return { status: 404, body: '{"ok":false,"error_code":404,"description":"Not Found"}' };
    const sent = JSON.parse(hit.body) as { chat_id: string };
    return {
      status: 200,
      body: JSON.stringify({ ok: true, result: { message_id: 7, chat: { id: sent.chat_id } } }),
    };
  });
}
