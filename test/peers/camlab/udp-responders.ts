import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import type { Profile } from './profiles.js';

const D = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';

/** ProbeMatches for a Probe; undefined when the device would stay silent. */
export function wsdAnswer(profile: Profile, probe: string, xaddrs: string[]): string | undefined {
  if (!/Probe\b/.test(probe) || /ProbeMatches/.test(probe)) return undefined;
  const types = /<(?:\w+:)?Types([^>]*)>([^<]*)</.exec(probe);
  if (profile.onvif?.ignoreMisplacedPrefix && types) {
    // openHAB#9022: the prefix used in Types must be declared on Types itself.
    const prefix = /^\s*(\w+):/.exec(types[2] ?? '')?.[1];
    if (prefix && !new RegExp(`xmlns:${prefix}=`).test(types[1] ?? '')) return undefined;
  }
  const relates = /<(?:\w+:)?MessageID[^>]*>([^<]*)</.exec(probe)?.[1] ?? '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="${D}" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">` +
    `<SOAP-ENV:Header><wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID><wsa:RelatesTo>${relates}</wsa:RelatesTo><wsa:Action>${D}/ProbeMatches</wsa:Action></SOAP-ENV:Header>` +
    `<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:${profile.serial}</wsa:Address></wsa:EndpointReference>` +
    `<d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/${encodeURIComponent(profile.manufacturer)} onvif://www.onvif.org/hardware/${encodeURIComponent(profile.model)}</d:Scopes>` +
    `<d:XAddrs>  ${xaddrs.join(' ')} </d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

export function sadpAnswer(profile: Profile, probe: string, address: string): string | undefined {
  if (!/<Types>inquiry<\/Types>/i.test(probe)) return undefined;
  const uuid = /<Uuid>([^<]*)<\/Uuid>/.exec(probe)?.[1] ?? '';
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<ProbeMatch><Uuid>${uuid}</Uuid>\r\n<Types>inquiry</Types>\r\n<DeviceType>${profile.model}</DeviceType>\r\n<DeviceDescription>${profile.model}</DeviceDescription>\r\n<DeviceSN>${profile.serial}</DeviceSN>\r\n<CommandPort>8000</CommandPort>\r\n<HttpPort>80</HttpPort>\r\n<MAC>c0-56-e3-00-00-01</MAC>\r\n<IPv4Address>${address}</IPv4Address>\r\n<SoftwareVersion>${profile.firmware}</SoftwareVersion>\r\n<DSPVersion>V5.0, build 140714</DSPVersion>\r\n<Activated>${profile.sadp?.activated ? 'true' : 'false'}</Activated>\r\n<PasswordResetAbility>true</PasswordResetAbility>\r\n</ProbeMatch>\r\n`;
}

export function dhipAnswer(profile: Profile, probe: Buffer): Buffer | undefined {
  if (
    probe.length < 32 ||
    probe.subarray(4, 8).toString('latin1') !== 'DHIP' ||
    !/DHDiscover\.search/.test(probe.toString('latin1'))
  )
    return undefined;
  const json = Buffer.from(
    JSON.stringify({
      mac: '3c:ef:8c:00:00:01',
      method: 'client.notifyDevInfo',
      params: {
        deviceInfo: {
          DeviceType: profile.model,
          Version: profile.firmware,
          SerialNo: profile.serial,
          Vendor: 'Dahua',
          HttpPort: 80,
          Port: 37777,
        },
      },
    }),
  );
  const head = Buffer.alloc(32);
  head.writeUInt32LE(0x20, 0);
  head.write('DHIP', 4, 'latin1');
  head.writeUInt32LE(json.length, 16);
  head.writeUInt32LE(json.length, 24);
  return Buffer.concat([head, json]);
}

const SSDP =
  'HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\nUSN: uuid:camlab::upnp:rootdevice\r\nSERVER: Linux/3.0 UPnP/1.0 IPCamera/1.0\r\nLOCATION: http://0.0.0.0:49152/rootDesc.xml\r\n\r\n';

/** Binds one UDP responder; with `group` it also joins that multicast group (netns mode). */
export function udpResponder(
  address: string,
  port: number,
  answer: (msg: Buffer) => Buffer | string | undefined,
  group?: string,
): Promise<dgram.Socket> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('error', () => {});
  socket.on('message', (msg, rinfo) => {
    const reply = answer(msg);
    if (reply !== undefined)
      socket.send(typeof reply === 'string' ? Buffer.from(reply) : reply, rinfo.port, rinfo.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, group ? undefined : address, () => {
      if (group) socket.addMembership(group, address);
      resolve(socket);
    });
  });
}

export const ssdpAnswer = (msg: Buffer) => (/^M-SEARCH/.test(msg.toString('latin1')) ? SSDP : undefined);
