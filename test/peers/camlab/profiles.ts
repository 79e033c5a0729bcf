/**
 * Simulated camera profiles, each with its ground truth written down: the finding keys a correct audit
 * must report for it (and nothing else). Facts come from CAMERAS.md (§2–§4); firmware strings follow
 * the vendors' formats. Quirks model the behaviours listed in CAMERAS.md §2.4 and §5.
 */
export type Role =
  | 'http'
  | 'https'
  | 'rtsp'
  | 'onvif'
  | 'telnet'
  | 'ftp'
  | 'hikSdk'
  | 'dahuaSdk'
  | 'xmSofia'
  | 'xmDebug'
  | 'upnp';

export type Profile = {
  name: string;
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  /** TCP roles the device opens (first port of each role in the port plan; `onvif` → `onvifPortIndex`). */
  roles: Role[];
  http?: { server?: string; title: string; body?: string; redirectRoot?: boolean; isapi?: boolean };
  rtsp?: {
    server?: string;
    auth: 'none' | 'basic' | 'digest';
    paths: string[];
    acceptAnyPath?: boolean;
    unauthorizedBeforeNotFound?: boolean;
    badCSeq?: boolean;
  };
  onvif?: {
    /** 'http' = on the web port; otherwise the index in the plan's onvif list (8899, 2020, 5000). */
    on: 'http' | number;
    deviceInfo: 'none' | 'required';
    users: 'none' | 'required';
    ignoreMisplacedPrefix?: boolean;
  };
  sadp?: { activated: boolean };
  dhip?: boolean;
  ssdp?: boolean;
  accounts: Array<{ username: string; password: string }>;
  /** Failed logins (all protocols) before the device locks; 0 = never. */
  lockAfter: number;
  /** The finding keys the audit must report. */
  truth: string[];
  /** Why the truth is what it is (read by people, printed by `npm run camlab`). */
  notes: string;
};

export const PROFILES: Record<string, Profile> = {
  'hikvision-old': {
    name: 'hikvision-old',
    manufacturer: 'HIKVISION',
    model: 'DS-2CD2032-I',
    firmware: 'V5.2.5 build 141201',
    serial: 'DS-2CD2032-I20150101AAWR000000001',
    roles: ['http', 'rtsp', 'telnet', 'hikSdk'],
    http: { server: 'App-webs/', title: 'Hikvision', redirectRoot: true, isapi: true },
    rtsp: {
      auth: 'digest',
      paths: ['/Streaming/Channels/101', '/Streaming/Channels/102', '/h264/ch1/main/av_stream'],
    },
    onvif: { on: 'http', deviceInfo: 'required', users: 'required' },
    sadp: { activated: true },
    accounts: [{ username: 'admin', password: '12345' }],
    lockAfter: 5,
    truth: [
      'default-credentials',
      'plaintext-http',
      'telnet-open',
      'exposed:hik-sdk',
      'cve:CVE-2021-36260',
      'cve:CVE-2017-7921',
      'cve:CVE-2017-7923',
    ],
    notes: 'pre-activation firmware V5.2.5 b141201: admin/12345, telnet on, SADP gives the version',
  },
  'hikvision-new': {
    name: 'hikvision-new',
    manufacturer: 'HIKVISION',
    model: 'DS-2CD2143G2-I',
    firmware: 'V5.7.3 build 220112',
    serial: 'DS-2CD2143G2-I20220301AAWRJ00000002',
    roles: ['http', 'https', 'rtsp', 'hikSdk'],
    http: { server: 'webserver', title: 'Hikvision', redirectRoot: true, isapi: true },
    rtsp: { auth: 'digest', paths: ['/Streaming/Channels/101', '/Streaming/Channels/102'] },
    onvif: { on: 'http', deviceInfo: 'required', users: 'required' },
    sadp: { activated: true },
    accounts: [{ username: 'admin', password: 'Kx7#pLm2!qWz' }],
    lockAfter: 5,
    truth: ['exposed:hik-sdk'],
    notes: 'activated with a strong password, HTTPS on, fixed firmware; only the SDK port 8000 is exposed',
  },
  'hikvision-unactivated': {
    name: 'hikvision-unactivated',
    manufacturer: 'HIKVISION',
    model: 'DS-2CD2143G0-I',
    firmware: 'V5.5.61 build 180718',
    serial: 'DS-2CD2143G0-I20180801AAWRC00000003',
    roles: ['http', 'rtsp', 'hikSdk'],
    http: { server: 'webserver', title: 'Hikvision', redirectRoot: true, isapi: true },
    rtsp: { auth: 'digest', paths: ['/Streaming/Channels/101'] },
    onvif: { on: 'http', deviceInfo: 'required', users: 'required' },
    sadp: { activated: false },
    accounts: [],
    lockAfter: 5,
    truth: ['unactivated', 'plaintext-http', 'exposed:hik-sdk', 'cve:CVE-2021-36260'],
    notes: 'never activated (SADP Activated=false), V5.5.61 b180718 is before the Sept-2021 fix',
  },
  dahua: {
    name: 'dahua',
    manufacturer: 'Dahua',
    model: 'IPC-HFW1230S',
    firmware: 'V2.800.0000000.16.R, Build Date: 2020-03-20',
    serial: '6G0A1B2PAZ00001',
    roles: ['http', 'rtsp', 'dahuaSdk'],
    http: { title: 'WEB SERVICE', body: '<script src="/jsBase/lib/dahua.js"></script>' },
    rtsp: {
      server: 'Dahua Rtsp Server',
      auth: 'digest',
      paths: ['/cam/realmonitor?channel=1&subtype=0'],
      unauthorizedBeforeNotFound: true,
    },
    onvif: { on: 'http', deviceInfo: 'none', users: 'required' },
    dhip: true,
    accounts: [{ username: 'admin', password: 'admin' }],
    lockAfter: 5,
    truth: [
      'default-credentials',
      'plaintext-http',
      'onvif-unauthenticated-info',
      'exposed:dahua-sdk',
      'cve:CVE-2021-33044',
      'cve:CVE-2021-33045',
      'cve:CVE-2022-30563',
    ],
    notes: 'old firmware (build 2020-03-20), admin/admin, RTSP answers 401 before 404',
  },
  xiongmai: {
    name: 'xiongmai',
    manufacturer: 'General',
    model: 'XM530_50H20_8M',
    firmware: 'V4.02.R11.34500140.10000.131900.00000',
    serial: 'a1b2c3d4e5f60718',
    roles: ['http', 'rtsp', 'onvif', 'telnet', 'xmSofia', 'xmDebug'],
    http: { server: 'uc-httpd 1.0.0', title: 'NETSurveillance WEB' },
    rtsp: {
      server: 'H264DVR 1.0',
      auth: 'digest',
      paths: ['/user=admin&password=&channel=1&stream=0.sdp'],
      badCSeq: true,
    },
    onvif: { on: 0, deviceInfo: 'none', users: 'none' },
    accounts: [{ username: 'admin', password: '' }],
    lockAfter: 0,
    truth: [
      'default-credentials',
      'plaintext-http',
      'onvif-unauthenticated-info',
      'onvif-unauthenticated-users',
      'telnet-open',
      'exposed:xm-sofia',
      'exposed:xm-debug',
      'cve:CVE-2017-7577',
      'cve:CVE-2018-10088',
      'cve:CVE-2024-3765',
      'cloud-p2p',
    ],
    notes:
      'XM OEM: admin with empty password, telnet, 34567 and 9527, ONVIF on 8899 wide open, bad RTSP CSeq',
  },
  hipcam: {
    name: 'hipcam',
    manufacturer: 'Hipcam',
    model: 'IPCAM',
    firmware: 'unknown',
    serial: 'hip0001',
    roles: ['rtsp'],
    rtsp: { server: 'Hipcam RealServer/V1.0', auth: 'none', paths: ['/11', '/12'], acceptAnyPath: true },
    accounts: [],
    lockAfter: 0,
    truth: [],
    notes:
      'answers 200 + SDP to ANY path: the audit must not report unauthenticated RTSP (inconclusive by design)',
  },
  uniview: {
    name: 'uniview',
    manufacturer: 'Uniview',
    model: 'IPC322LB-SF28-A',
    firmware: 'DIPC-B1213.6.5.230101',
    serial: '210235C3EN3201000001',
    roles: ['http', 'rtsp'],
    http: { title: 'Web Client', body: '<div>Uniview Technologies</div>' },
    rtsp: { auth: 'digest', paths: ['/unicast/c1/s0/live', '/media/video1'] },
    onvif: { on: 'http', deviceInfo: 'none', users: 'required' },
    accounts: [{ username: 'admin', password: '123456' }],
    lockAfter: 5,
    truth: ['default-credentials', 'plaintext-http', 'onvif-unauthenticated-info', 'cve:CVE-2023-0773'],
    notes: 'admin/123456, DIPC-B1213 build 230101 ≤ 230215 (CVE-2023-0773)',
  },
  yoosee: {
    name: 'yoosee',
    manufacturer: 'Yoosee',
    model: 'GW-IPC-2MP',
    firmware: '13.1.1.40',
    serial: 'yoosee0001',
    roles: ['rtsp', 'onvif'],
    rtsp: { auth: 'none', paths: ['/onvif1'] },
    onvif: { on: 2, deviceInfo: 'none', users: 'required', ignoreMisplacedPrefix: true },
    accounts: [{ username: 'admin', password: '8812' }],
    lockAfter: 0,
    truth: ['rtsp-unauthenticated', 'onvif-unauthenticated-info', 'plaintext-http', 'cloud-p2p'],
    notes:
      'RTSP /onvif1 without password, ONVIF on :5000 over plain HTTP, ignores probes with a misplaced dn prefix',
  },
  hardened: {
    name: 'hardened',
    manufacturer: 'Example',
    model: 'HX-1',
    firmware: '1.0.0',
    serial: 'hx0001',
    roles: ['https', 'rtsp'],
    rtsp: { server: 'RTSP Server', auth: 'digest', paths: ['/stream1'] },
    accounts: [{ username: 'admin', password: 'T9$vQ2!mRr8#' }],
    lockAfter: 5,
    truth: [],
    notes: 'HTTPS only, RTSP with Digest and a strong password, locks after 5 failures: nothing to report',
  },
};
