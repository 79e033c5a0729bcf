import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import { replyExcerpt } from '../io/http.js';
import { clockOffset, deviceInformation, findFirst, onvifCall } from '../onvif/soap.js';
import type { AuditCheck, CheckContext, Target } from '../types.js';
import { openPortsOf } from './tcp-ports.js';
import { vendorFromText } from './vendor.js';

export type OnvifEndpoint = { address: string; port: number; path: string };

/** ONVIF endpoints to try: XAddrs from WS-Discovery (already scope-checked), else the usual paths. */
export async function onvifEndpoints(target: Target, ctx: CheckContext): Promise<OnvifEndpoint[]> {
  const out: OnvifEndpoint[] = [];
  for (const u of target.facts.onvifUrls) {
    try {
      const { url, address, port } = await ctx.scope.checkUrl(u, 'ONVIF XAddr');
      out.push({ address, port, path: url.pathname });
    } catch {
      // refused by the guard: noted by ws-discovery already
    }
  }
  if (out.length > 0) return out;
  const ports = [
    ...openPortsOf(target.facts, ctx.ports, 'onvif'),
    ...openPortsOf(target.facts, ctx.ports, 'http'),
  ];
  return ports.map((port) => ({ address: target.address, port, path: '/onvif/device_service' }));
}

/**
 * ONVIF without credentials: GetSystemDateAndTime (PRE_AUTH, gives the clock offset), then
 * GetDeviceInformation and GetUsers, which a well-configured device refuses. Answers are findings.
 */
export const onvifInfo: AuditCheck = {
  id: 'onvif-info',
  async check(target, ctx) {
    for (const ep of await onvifEndpoints(target, ctx)) {
      const time = await onvifCall(ctx, ep, 'GetSystemDateAndTime');
      if (!time.xml || !findFirst(time.xml, 'Envelope')) continue;
      target.facts.onvifUrls = [`http://${ep.address}:${ep.port}${ep.path}`];
      onvifClock.set(target, clockOffset(time.xml));
      await deviceInfo(target, ctx, ep);
      await users(target, ctx, ep);
      return;
    }
  },
};

/** Device clock offsets per target, for WS-UsernameToken Created values in later checks. */
export const onvifClock = new WeakMap<Target, number>();

async function deviceInfo(target: Target, ctx: CheckContext, ep: OnvifEndpoint) {
  const r = await onvifCall(ctx, ep, 'GetDeviceInformation');
  const info = r.res?.status === 200 ? deviceInformation(r.xml) : undefined;
  if (!info) return;
  applyInfo(target, info);
  ctx.report(
    finding(target, 'onvif-info', {
      key: 'onvif-unauthenticated-info',
      port: ep.port,
      severity: 'medium',
      confidence: 'confirmed',
      title: {
        vi: 'ONVIF trả thông tin thiết bị (hãng, model, firmware, số serial) khi không đăng nhập',
        en: 'ONVIF returns device information (maker, model, firmware, serial) without authentication',
      },
      criteria: [...BREAKS.noAuth],
      remedy: REMEDY.noAuth,
      evidence: [evidence('onvif', target, ep.port, r.request, replyExcerpt(r, 700))],
    }),
  );
}

export function applyInfo(target: Target, info: NonNullable<ReturnType<typeof deviceInformation>>) {
  const f = target.facts;
  const v = vendorFromText(info.manufacturer ?? '');
  if (v !== 'unknown') f.vendor = v;
  f.model = info.model ?? f.model;
  f.serial = info.serial ?? f.serial;
  if (info.firmware) {
    f.firmware = info.firmware;
    f.firmwareSource = 'onvif';
  }
}

async function users(target: Target, ctx: CheckContext, ep: OnvifEndpoint) {
  const r = await onvifCall(ctx, ep, 'GetUsers');
  if (r.res?.status !== 200 || !findFirst(findFirst(r.xml, 'GetUsersResponse'), 'User')) return;
  ctx.report(
    finding(target, 'onvif-info', {
      key: 'onvif-unauthenticated-users',
      port: ep.port,
      severity: 'high',
      confidence: 'confirmed',
      title: {
        vi: 'ONVIF trả danh sách tài khoản khi không đăng nhập',
        en: 'ONVIF returns the user list without authentication',
      },
      criteria: [...BREAKS.noAuth],
      remedy: REMEDY.noAuth,
      evidence: [evidence('onvif', target, ep.port, r.request, replyExcerpt(r, 700))],
    }),
  );
}
