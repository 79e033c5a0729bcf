import { deviceInformation, findFirst, onvifCall, textOf } from '../onvif/soap.js';
import type { AuditCheck } from '../types.js';
import { applyInfo, onvifClock, onvifEndpoints } from './onvif-info.js';

/**
 * Authenticated checks with the credentials the unit supplied (never guessed, so they do not spend
 * the guess budget): ONVIF GetDeviceInformation for the firmware when it is still unknown, and
 * GetNetworkProtocols to note whether HTTPS is enabled.
 */
export const authenticated: AuditCheck = {
  id: 'authenticated',
  async check(target, ctx) {
    const cred = ctx.unitCredentials.find((c) => !c.addresses || c.addresses.includes(target.address));
    if (!cred) return;
    const [ep] = await onvifEndpoints(target, ctx);
    if (!ep) return;
    const auth = { ...cred, clockOffsetMs: onvifClock.get(target) ?? 0 };
    if (!target.facts.firmware || target.facts.firmwareSource !== 'onvif') {
      const r = await onvifCall(ctx, ep, 'GetDeviceInformation', auth);
      const info = r.res?.status === 200 ? deviceInformation(r.xml) : undefined;
      if (info) applyInfo(target, info);
      else
        target.facts.notes.push(
          `authenticated: unit credentials refused by ONVIF (${r.res?.status ?? r.stop})`,
        );
    }
    const p = await onvifCall(ctx, ep, 'GetNetworkProtocols', auth);
    const list = findFirst(findFirst(p.xml, 'GetNetworkProtocolsResponse'), 'NetworkProtocols');
    for (const proto of Array.isArray(list) ? list : list ? [list] : []) {
      const name = textOf(findFirst(proto, 'Name'));
      const enabled = textOf(findFirst(proto, 'Enabled'));
      if (name) target.facts.notes.push(`onvif protocols: ${name} enabled=${enabled}`);
    }
  },
};
