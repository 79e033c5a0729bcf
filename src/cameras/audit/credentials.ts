import type { Vendor } from './types.js';

/**
 * Published default credentials, vendor-keyed and short (≤ 3 per vendor, CAMERAS.md §4), each with its
 * source. `ref` (vendor + position, never the password) names the entry in findings, so the password
 * itself is never stored or logged.
 */
export type DefaultCredential = { ref: string; username: string; password: string; source: string };

export const DEFAULT_CREDENTIALS: Record<Vendor, DefaultCredential[]> = {
  hikvision: [
    {
      ref: 'hikvision-1',
      username: 'admin',
      password: '12345',
      source: 'Hikvision DS-2CD4324FWD manual; nmap http-default-accounts',
    },
    { ref: 'hikvision-2', username: 'admin', password: 'hikvision', source: 'cameradar credentials.json' },
  ],
  dahua: [
    { ref: 'dahua-1', username: 'admin', password: 'admin', source: 'DefaultCreds CSV (Dahua,admin,admin)' },
    { ref: 'dahua-2', username: '888888', password: '888888', source: 'Dahua HCVR7416L manual p.231' },
    { ref: 'dahua-3', username: '666666', password: '666666', source: 'Dahua HCVR7416L manual p.231' },
  ],
  xiongmai: [
    {
      ref: 'xiongmai-1',
      username: 'admin',
      password: '',
      source: 'Ingram; DefaultCreds CSV (NETSurveillance)',
    },
    { ref: 'xiongmai-2', username: 'admin', password: 'admin', source: 'DefaultCreds CSV' },
  ],
  uniview: [
    {
      ref: 'uniview-1',
      username: 'admin',
      password: '123456',
      source: 'DefaultCreds CSV (UNIVIEW,admin,123456)',
    },
  ],
  yoosee: [{ ref: 'generic-1', username: 'admin', password: 'admin', source: 'DefaultCreds CSV (generic)' }],
  hipcam: [{ ref: 'generic-1', username: 'admin', password: 'admin', source: 'DefaultCreds CSV (generic)' }],
  axis: [{ ref: 'axis-1', username: 'root', password: 'pass', source: 'DefaultCreds CSV (Axis root/pass)' }],
  unknown: [
    { ref: 'generic-1', username: 'admin', password: 'admin', source: 'DefaultCreds CSV (generic)' },
    {
      ref: 'hikvision-1',
      username: 'admin',
      password: '12345',
      source: 'Hikvision manual (most common OEM)',
    },
    { ref: 'uniview-1', username: 'admin', password: '123456', source: 'DefaultCreds CSV' },
  ],
};

/** Common RTSP paths per vendor (CAMERAS.md §2.4), vendor's own first. */
export const RTSP_PATHS: Record<Vendor, string[]> = {
  hikvision: ['/Streaming/Channels/101', '/h264/ch1/main/av_stream'],
  dahua: ['/cam/realmonitor?channel=1&subtype=0'],
  xiongmai: ['/user=admin&password=&channel=1&stream=0.sdp', '/11'],
  uniview: ['/unicast/c1/s0/live', '/media/video1'],
  yoosee: ['/onvif1'],
  hipcam: ['/11', '/12'],
  axis: ['/axis-media/media.amp'],
  unknown: [
    '/Streaming/Channels/101',
    '/cam/realmonitor?channel=1&subtype=0',
    '/onvif1',
    '/unicast/c1/s0/live',
    '/11',
    '/live.sdp',
  ],
};
