import net from 'node:net';
import type { PortPlan } from '../../../src/cameras/audit/types.js';

export type SlowDevice = { address: string; connections: () => number; close(): Promise<void> };

/**
 * A slow "camera": its web and RTSP ports accept and then drip a reply one byte every 200 ms, so every
 * exchange runs until the audit's exchange timeout. A fleet of these keeps a run busy long enough to
 * cancel it part-way; `connections()` proves what was contacted, before and after the cancel.
 */
export async function startSlowDevice(address: string, plan: PortPlan): Promise<SlowDevice> {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const reply = 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: slow\r\n';
  for (const port of [plan.http[0], plan.rtsp[0]]) {
    if (port === undefined) continue;
    const server = net.createServer((s) => {
      connections++;
      sockets.add(s);
      s.on('error', () => {});
      let i = 0;
      const t = setInterval(() => s.write(reply[i++ % reply.length] ?? 'x'), 200);
      s.on('close', () => {
        clearInterval(t);
        sockets.delete(s);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => resolve());
    });
    servers.push(server);
  }
  return {
    address,
    connections: () => connections,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
