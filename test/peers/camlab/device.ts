import type dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import type { PortPlan } from '../../../src/cameras/audit/types.js';
import { DeviceAccounts } from './auth.js';
import { httpHandler } from './http-server.js';
import type { Profile, Role } from './profiles.js';
import { listen, startRtsp } from './rtsp-server.js';
import { dhipAnswer, sadpAnswer, ssdpAnswer, udpResponder, wsdAnswer } from './udp-responders.js';

export type SimDevice = {
  address: string;
  profile: Profile;
  accounts: DeviceAccounts;
  /** Connections accepted on every TCP port (a test reads it to prove what was contacted). */
  connections: () => number;
  close(): Promise<void>;
};

const BANNERS: Partial<Record<Role, Buffer>> = {
  telnet: Buffer.concat([Buffer.from([255, 251, 1, 255, 251, 3]), Buffer.from('\r\n(none) login: ')]),
  ftp: Buffer.from('220 (vsFTPd 2.0.0)\r\n'),
  xmDebug: Buffer.from('\r\nBusyBox v1.20.2 built-in shell (ash)\r\n# '),
};

/** Starts every server of one simulated device on `address` (one server set per device). */
export async function startDevice(
  profile: Profile,
  address: string,
  plan: PortPlan,
  opts: { multicast?: boolean } = {},
): Promise<SimDevice> {
  const accounts = new DeviceAccounts(profile);
  const tcp: net.Server[] = [];
  const udp: dgram.Socket[] = [];
  let connections = 0;
  const open = new Set<net.Socket>();
  const count = (s: net.Server) => {
    s.on('connection', (sock: net.Socket) => {
      connections++;
      open.add(sock);
      sock.on('close', () => open.delete(sock));
    });
    tcp.push(s);
  };
  const onvifPort = profile.onvif
    ? profile.onvif.on === 'http'
      ? plan.http[0]
      : plan.onvif[profile.onvif.on]
    : undefined;
  const base = () => `http://${address}:${onvifPort}/onvif/device_service`;
  for (const role of profile.roles) {
    if (role === 'http')
      count(
        await listen(
          http.createServer(httpHandler(profile, accounts, base, true)),
          address,
          plan.http[0] as number,
        ),
      );
    else if (role === 'onvif')
      count(
        await listen(
          http.createServer(httpHandler(profile, accounts, base, false)),
          address,
          onvifPort as number,
        ),
      );
    else if (role === 'rtsp') count(await startRtsp(profile, accounts, address, plan.rtsp[0] as number));
    else count(await listen(bannerServer(BANNERS[role]), address, (plan[role] as number[])[0] as number));
  }
  const group = (g: string) => (opts.multicast ? g : undefined);
  if (profile.onvif)
    udp.push(
      await udpResponder(
        address,
        plan.udpWsd,
        (m) => wsdAnswer(profile, m.toString('utf8'), [base()]),
        group('239.255.255.250'),
      ),
    );
  if (profile.sadp)
    udp.push(
      await udpResponder(
        address,
        plan.udpSadp,
        (m) => sadpAnswer(profile, m.toString('utf8'), address),
        group('239.255.255.250'),
      ),
    );
  if (profile.dhip)
    udp.push(
      await udpResponder(address, plan.udpDhip, (m) => dhipAnswer(profile, m), group('239.255.255.251')),
    );
  if (profile.ssdp) udp.push(await udpResponder(address, plan.udpSsdp, ssdpAnswer));
  return {
    address,
    profile,
    accounts,
    connections: () => connections,
    async close() {
      for (const s of udp) s.close();
      const closing = tcp.map((s) => new Promise<void>((r) => s.close(() => r())));
      for (const sock of open) sock.destroy();
      await Promise.all(closing);
    },
  };
}

/** Accepts, sends a fixed banner (or nothing), keeps the line open until the client leaves. */
function bannerServer(banner: Buffer | undefined): net.Server {
  return net.createServer((s) => {
    s.on('error', () => {});
    s.setTimeout(10_000, () => s.destroy());
    if (banner) s.write(banner);
  });
}
