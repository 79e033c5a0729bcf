import { deviceInformation, findFirst, onvifCall, textOf } from '../onvif/soap.js';
import type { AuditCheck, Target, UnitCredential } from '../types.js';
import { applyInfo, onvifClock, onvifEndpoints } from './onvif-info.js';

/** The credential for this address: a camera's own first (the caller orders them so), then the unit's. */
function credentialFor(target: Target, list: UnitCredential[]): UnitCredential | undefined {
  return list.find((c) => !c.addresses || c.addresses.includes(target.address));
}

/**
 * Authenticated checks with the credentials the unit supplied (never guessed, so they do not spend
 * the guess budget): ONVIF GetDeviceInformation (proves the account works and reads the firmware), then
 * GetNetworkProtocols to note whether HTTPS is enabled. One attempt only: a wrong unit password must not
 * push the device towards its lockout. What was tried and how it went goes to `facts.authenticated`.
 */
export const authenticated: AuditCheck = {
  id: 'authenticated',
  async check(target, ctx) {
    const cred = credentialFor(target, ctx.unitCredentials);
    if (!cred) return;
    const record = (ok: boolean, detail: string) => {
      target.facts.authenticated = {
        credentialId: cred.id ?? null,
        username: cred.username,
        protocol: 'onvif',
        ok,
        detail,
      };
    };
    const [ep] = await onvifEndpoints(target, ctx);
    if (!ep) return record(false, 'no ONVIF endpoint');
    const auth = { ...cred, clockOffsetMs: onvifClock.get(target) ?? 0 };
    const r = await onvifCall(ctx, ep, 'GetDeviceInformation', auth);
    const info = r.res?.status === 200 ? deviceInformation(r.xml) : undefined;
    if (!info) {
      target.facts.notes.push(
        `authenticated: unit credentials refused by ONVIF (${r.res?.status ?? r.stop})`,
      );
      return record(false, `GetDeviceInformation refused (${r.res?.status ?? r.stop})`);
    }
    applyInfo(target, info);
    record(true, `GetDeviceInformation: firmware ${info.firmware ?? '?'}`);
    const p = await onvifCall(ctx, ep, 'GetNetworkProtocols', auth);
    const list = findFirst(findFirst(p.xml, 'GetNetworkProtocolsResponse'), 'NetworkProtocols');
    for (const proto of Array.isArray(list) ? list : list ? [list] : []) {
      const name = textOf(findFirst(proto, 'Name'));
      const enabled = textOf(findFirst(proto, 'Enabled'));
      if (name) target.facts.notes.push(`onvif protocols: ${name} enabled=${enabled}`);
    }
  },
};
