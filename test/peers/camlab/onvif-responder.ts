import { findFirst, parseXml, textOf } from '../../../src/cameras/audit/onvif/soap.js';
import type { DeviceAccounts } from './auth.js';
import type { Profile } from './profiles.js';

const ENV = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:ter="http://www.onvif.org/ver10/error"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;

export const notAuthorized = () =>
  ENV(
    '<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value>ter:NotAuthorized</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code><SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">Sender not Authorized</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>',
  );

/**
 * ONVIF device service: PRE_AUTH methods always; GetDeviceInformation and GetUsers per the profile;
 * GetNetworkProtocols and others need a valid WS-UsernameToken. Returns [status, body].
 */
export function onvifAnswer(
  profile: Profile,
  accounts: DeviceAccounts,
  body: string,
  base: string,
): [number, string] {
  const xml = parseXml(body);
  const bodyNode = findFirst(xml, 'Body') as Record<string, unknown> | undefined;
  if (!bodyNode || typeof bodyNode !== 'object') return [400, notAuthorized()];
  const op = Object.keys(bodyNode).find((k) => !k.startsWith('@') && k !== '#text') ?? '';
  const token = findFirst(findFirst(xml, 'Security'), 'UsernameToken');
  const auth = token
    ? accounts.checkUsernameToken({
        username: textOf(findFirst(token, 'Username')),
        digest: textOf(findFirst(token, 'Password')),
        nonce: textOf(findFirst(token, 'Nonce')),
        created: textOf(findFirst(token, 'Created')),
      })
    : 'none';
  if (auth === 'locked')
    return [
      503,
      ENV(
        '<SOAP-ENV:Fault><SOAP-ENV:Reason><SOAP-ENV:Text>account locked</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>',
      ),
    ];
  const authed = auth === 'ok';
  const o = profile.onvif!;
  const open = (need: 'none' | 'required') => need === 'none' || authed;
  switch (op) {
    case 'GetSystemDateAndTime':
      return [200, ENV(dateTime())];
    case 'GetCapabilities':
      return [
        200,
        ENV(
          `<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>${base}</tt:XAddr></tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>`,
        ),
      ];
    case 'GetServices':
      return [
        200,
        ENV(
          `<tds:GetServicesResponse><tds:Service><tds:Namespace>http://www.onvif.org/ver10/device/wsdl</tds:Namespace><tds:XAddr>${base}</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service></tds:GetServicesResponse>`,
        ),
      ];
    case 'GetDeviceInformation':
      if (!open(o.deviceInfo)) return [400, notAuthorized()];
      return [
        200,
        ENV(
          `<tds:GetDeviceInformationResponse><tds:Manufacturer>${profile.manufacturer}</tds:Manufacturer><tds:Model>${profile.model}</tds:Model><tds:FirmwareVersion>${profile.firmware}</tds:FirmwareVersion><tds:SerialNumber>${profile.serial}</tds:SerialNumber><tds:HardwareId>1.0</tds:HardwareId></tds:GetDeviceInformationResponse>`,
        ),
      ];
    case 'GetUsers':
      if (!open(o.users)) return [400, notAuthorized()];
      return [
        200,
        ENV(
          `<tds:GetUsersResponse>${profile.accounts.map((a) => `<tds:User><tt:Username>${a.username}</tt:Username><tt:UserLevel>Administrator</tt:UserLevel></tds:User>`).join('')}</tds:GetUsersResponse>`,
        ),
      ];
    case 'GetNetworkProtocols':
      if (!authed) return [400, notAuthorized()];
      return [
        200,
        ENV(
          '<tds:GetNetworkProtocolsResponse><tds:NetworkProtocols><tt:Name>HTTP</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>80</tt:Port></tds:NetworkProtocols><tds:NetworkProtocols><tt:Name>HTTPS</tt:Name><tt:Enabled>false</tt:Enabled><tt:Port>443</tt:Port></tds:NetworkProtocols></tds:GetNetworkProtocolsResponse>',
        ),
      ];
    default:
      return [
        authed ? 400 : 400,
        authed
          ? ENV(
              '<SOAP-ENV:Fault><SOAP-ENV:Reason><SOAP-ENV:Text>ActionNotSupported</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>',
            )
          : notAuthorized(),
      ];
  }
}

function dateTime(): string {
  const d = new Date();
  return `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings><tt:UTCDateTime><tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time><tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`;
}
