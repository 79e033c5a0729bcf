import type { NetScope } from '../../core/net-scope.js';
import type { CredentialBudget } from './budget.js';
import type { Limiter } from './limiter.js';

/** Bilingual text: Vietnamese first (what the unit officer reads), English second. */
export type Text = { vi: string; en: string };

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** How sure a finding is: seen working, inferred from a version, or only possible. */
export type Confidence = 'confirmed' | 'version' | 'possible';

/** What was sent and what came back, cut to a readable excerpt; passwords are never included. */
export type Evidence = {
  protocol: string;
  address: string;
  port: number;
  request: string;
  response: string;
};

export type Finding = {
  /** Stable key of the kind of finding (e.g. `default-credentials`, `cve:CVE-2021-36260`). */
  key: string;
  check: string;
  address: string;
  port?: number;
  severity: Severity;
  confidence: Confidence;
  title: Text;
  /** Stable criterion ids (see criteria.ts and docs/cameras-audit.md). */
  criteria: string[];
  remedy: Text;
  evidence: Evidence[];
  cve?: { id: string; cvss: number | null; kev: string | null };
};

export type Vendor =
  | 'hikvision'
  | 'dahua'
  | 'xiongmai'
  | 'uniview'
  | 'yoosee'
  | 'hipcam'
  | 'axis'
  | 'unknown';

/** What the audit has learnt about one address; checks read it and add to it. */
export type DeviceFacts = {
  openTcp: number[];
  /** Roles (PortPlan keys) of the open ports, e.g. `telnet`, `xmSofia`: checks reason on roles, not numbers. */
  roles: string[];
  udp: { wsd?: string; sadp?: string; dhip?: string };
  vendor: Vendor;
  model?: string;
  firmware?: string;
  firmwareSource?: 'onvif' | 'sadp' | 'dhip' | 'http';
  serial?: string;
  mac?: string;
  activated?: boolean;
  http: Record<
    number,
    { server?: string; title?: string; realm?: string; faviconMd5?: string; status?: number }
  >;
  rtspServer?: string;
  rtspPort?: number;
  /** A path that exists (from ONVIF, a 401 or a 200), used by the credential check. */
  rtspPath?: string;
  rtspAcceptsAnyPath?: boolean;
  onvifUrls: string[];
  /** Set when a device shows a lockout sign: no further credential attempt is made. */
  locked?: boolean;
  /** A default credential confirmed (user only; the password never leaves the check). */
  defaultUser?: string;
  /** Set when the unit's credentials were tried on this device (see checks/authenticated.ts). */
  authenticated?: AuthenticatedCheck;
  /** Things seen that are not findings (hostile replies, refusals, inconclusive results). */
  notes: string[];
};

export type Target = { address: string; facts: DeviceFacts };

export type Limits = {
  connectTimeoutMs: number;
  /** Total time for one exchange: a slow-drip device is cut off here. */
  exchangeTimeoutMs: number;
  maxHeaderBytes: number;
  maxBodyBytes: number;
  udpWaitMs: number;
};

/** Camera ports of CAMERAS.md §2.6, by role, so a test fleet can move them (e.g. unprivileged). */
export type PortPlan = {
  http: number[];
  https: number[];
  rtsp: number[];
  onvif: number[];
  telnet: number[];
  ftp: number[];
  ssh: number[];
  hikSdk: number[];
  dahuaSdk: number[];
  xmSofia: number[];
  xmDebug: number[];
  upnp: number[];
  tvt: number[];
  udpWsd: number;
  udpSadp: number;
  udpDhip: number;
  udpSsdp: number;
};

/** Credentials a unit supplies for an authenticated check (already unsealed by the caller). */
export type UnitCredential = { id?: string; username: string; password: string; addresses?: string[] };

/** That an authenticated check was made with a unit credential, and how it went (never the password). */
export type AuthenticatedCheck = {
  credentialId: string | null;
  username: string;
  protocol: 'onvif';
  ok: boolean;
  /** What the check learnt or why it could not: firmware read, refused (status), no endpoint. */
  detail: string;
};

export type CheckContext = {
  scope: NetScope;
  signal: AbortSignal;
  limits: Limits;
  ports: PortPlan;
  budget: CredentialBudget;
  limiter: Limiter;
  unitCredentials: UnitCredential[];
  /** Local IPv4 address to send multicast from; without it no multicast is sent. */
  multicastInterface?: string;
  report(finding: Finding): void;
  /** Every request sent is recorded here (protocol, address, port, first line), for the run's audit. */
  sent(entry: { protocol: string; address: string; port: number; summary: string }): void;
};

/** One check: one file under checks/, one function. It must not throw for device misbehaviour. */
export type AuditCheck = {
  id: string;
  check(target: Target, ctx: CheckContext): Promise<void>;
};

export function emptyFacts(): DeviceFacts {
  return { openTcp: [], roles: [], udp: {}, vendor: 'unknown', http: {}, onvifUrls: [], notes: [] };
}
