import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('log redaction', () => {
  it('never writes passwords, tokens, cookies or authorization headers', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        password: 'p1-secret',
        body: { password: 'p2-secret', newPassword: 'p3-secret' },
        smtp: { secret: 'p4-secret' },
        req: { headers: { authorization: 'Bearer cg_p5-secret', cookie: 'cg_session=p6-secret' } },
        token: 'p7-secret',
        keep: 'visible',
      },
      'event',
    );
    const out = lines.join('');
    expect(out).toContain('visible');
    expect(out).not.toMatch(/p\d-secret/);
  });
});
