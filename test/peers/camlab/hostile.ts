import dgram from 'node:dgram';
import net from 'node:net';
import type { PortPlan } from '../../../src/cameras/audit/types.js';

/**
 * A hostile "device": each port misbehaves in its own way (CAMERAS.md bad-input list). Used to prove
 * that every read is bounded in size and time and that names in replies are scope-checked.
 */
export type HostileOptions = { outsideUrl: string };

type Behaviour = (s: net.Socket) => void;

const endlessHeaders: Behaviour = (s) => {
  s.write('HTTP/1.1 200 OK\r\n');
  const t = setInterval(() => s.write(`X-Pad: ${'a'.repeat(4000)}\r\n`), 1);
  s.on('close', () => clearInterval(t));
};
const endlessBody: Behaviour = (s) => {
  s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\n');
  const t = setInterval(() => s.write(Buffer.alloc(16_384, 0x41)), 1);
  s.on('close', () => clearInterval(t));
};
const slowDrip: Behaviour = (s) => {
  const text = 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: drip\r\n';
  let i = 0;
  const t = setInterval(() => s.write(text[i++ % text.length] ?? 'x'), 100);
  s.on('close', () => clearInterval(t));
};
const garbage: Behaviour = (s) => {
  const t = setInterval(() => s.write(Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))), 2);
  s.on('close', () => clearInterval(t));
};
const silent: Behaviour = () => {};
const malformedXml =
  (outside: string): Behaviour =>
  (s) => {
    s.once('data', () => {
      const body = `<?xml version=”1.0”?><s:Envelope><s:Body><GetSystemDateAndTimeResponse><<<&&&${'\u0000'.repeat(20)}<a href="${outside}">`;
      s.end(
        `HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
  };
const redirectOut =
  (outside: string): Behaviour =>
  (s) => {
    s.once('data', () => s.end(`HTTP/1.1 302 Found\r\nLocation: ${outside}\r\nContent-Length: 0\r\n\r\n`));
  };

export async function startHostile(address: string, plan: PortPlan, opts: HostileOptions) {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const bind = (port: number | undefined, b: Behaviour) =>
    new Promise<void>((resolve, reject) => {
      const server = net.createServer((s) => {
        sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => sockets.delete(s));
        b(s);
      });
      server.once('error', reject);
      server.listen(port, address, () => resolve());
      servers.push(server);
    });
  await bind(plan.http[0], endlessHeaders); // 80
  await bind(plan.http[3], redirectOut(opts.outsideUrl)); // 88
  await bind(plan.http[6], endlessBody); // 5000
  await bind(plan.rtsp[0], slowDrip); // 554
  await bind(plan.onvif[0], malformedXml(opts.outsideUrl)); // 8899
  await bind(plan.telnet[0], garbage); // 23
  await bind(plan.hikSdk[0], silent); // 8000
  const wsd = dgram.createSocket('udp4');
  wsd.on('message', (_m, r) => {
    const xml = `<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><e:Body><d:ProbeMatches><d:ProbeMatch><d:XAddrs>${opts.outsideUrl} http://${address}:${plan.onvif[0]}/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>`;
    wsd.send(xml, r.port, r.address);
  });
  await new Promise<void>((r) => wsd.bind(plan.udpWsd, address, () => r()));
  return {
    async close() {
      wsd.close();
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
