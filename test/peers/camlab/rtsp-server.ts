import net from 'node:net';
import type { DeviceAccounts } from './auth.js';
import type { Profile } from './profiles.js';

const SDP = (address: string) =>
  [
    'v=0',
    `o=- 1 1 IN IP4 ${address}`,
    's=Media Presentation',
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'm=video 0 RTP/AVP 96',
    'a=rtpmap:96 H264/90000',
    'a=fmtp:96 packetization-mode=1;profile-level-id=42001f;sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==',
    'a=control:trackID=1',
    '',
  ].join('\r\n');

/**
 * RTSP/1.0 responder: OPTIONS, DESCRIBE (Basic, Digest or none), SETUP/PLAY answered minimally so
 * that ffprobe gets through. Quirks: any path accepted, 401 before 404, bad CSeq.
 */
export function startRtsp(
  profile: Profile,
  accounts: DeviceAccounts,
  address: string,
  port: number,
): Promise<net.Server> {
  const cfg = profile.rtsp!;
  const server = net.createServer((socket) => {
    let buf = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      if (buf.length > 65_536) return socket.destroy();
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        const req = buf.slice(0, end);
        buf = buf.slice(end + 4);
        socket.write(answer(req));
        // The simulator sends no media: after PLAY it hangs up, so a real client (ffprobe) ends at once
        // with what the SDP told it.
        if (/^PLAY /.test(req)) setTimeout(() => socket.end(), 200);
      }
    });
  });
  function answer(req: string): string {
    const [line = '', ...rest] = req.split('\r\n');
    const [method = '', url = ''] = line.split(' ');
    const h = (n: string) =>
      rest
        .find((l) => l.toLowerCase().startsWith(`${n}:`))
        ?.slice(n.length + 1)
        .trim();
    const cseq = cfg.badCSeq ? '0' : (h('cseq') ?? '0');
    const head = (status: string, extra: string[] = [], body = '') =>
      [
        `RTSP/1.0 ${status}`,
        `CSeq: ${cseq}`,
        ...(cfg.server ? [`Server: ${cfg.server}`] : []),
        ...extra,
        ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
        '',
        body,
      ].join('\r\n');
    if (method === 'OPTIONS') return head('200 OK', ['Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN']);
    const path = url.replace(/^rtsp:\/\/[^/]+/, '') || '/';
    const known = cfg.acceptAnyPath || cfg.paths.some((p) => path === p || path.startsWith(`${p}/`));
    if (method === 'TEARDOWN') return head('200 OK');
    if (cfg.auth !== 'none') {
      const realm = profile.manufacturer;
      const r = accounts.checkHttpAuth(h('authorization'), method, realm);
      if (r === 'locked') return head('403 Forbidden');
      if (r !== 'ok') {
        if (!known && !cfg.unauthorizedBeforeNotFound) return head('404 Not Found');
        return head('401 Unauthorized', [`WWW-Authenticate: ${accounts.challenge(cfg.auth, realm)}`]);
      }
    }
    if (!known) return head('404 Not Found');
    if (method === 'DESCRIBE') {
      return head(
        '200 OK',
        ['Content-Type: application/sdp', `Content-Base: rtsp://${address}:${port}${path}/`],
        SDP(address),
      );
    }
    if (method === 'SETUP')
      return head('200 OK', [
        'Transport: RTP/AVP/TCP;unicast;interleaved=0-1',
        'Session: 12345678;timeout=60',
      ]);
    if (method === 'PLAY') return head('200 OK', ['Session: 12345678']);
    return head('405 Method Not Allowed');
  }
  return listen(server, address, port);
}

export function listen(server: net.Server, address: string, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve(server));
  });
}
