import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens';
import { ROLES, type Role } from '../src/core/roles';
import { auditLog } from '../src/core/schema';
// directives
import {
  buildDirectiveFor,
  DISPATCH_REQUEST,
  pdfUpload,
  REPORT_REQUEST,
} from '../src/directives/test-fixtures';
import { storeFile } from '../src/files/service';
import { addIndicator as addIncidentIndicator } from '../src/incidents/case-actions';
import { listContacts as listIncidentContacts } from '../src/incidents/contacts';
import { generateReport, saveReportDraft } from '../src/incidents/reports';
import { openIncident } from '../src/incidents/service';
import { inventoryDoc } from '../src/inventory/fixtures';
import { hosts } from '../src/inventory/schema';
import { createHost } from '../src/inventory/service';
import { enqueueJob } from '../src/jobs/service';
// notify + watch (alerts and 24/7 duty)
import { insertEvents } from '../src/monitoring/events/queries';
import { createChannel } from '../src/notify/channels-service';
import { testChannel } from '../src/notify/delivery';
import type { Unit } from '../src/units/contract';
import { createAlert } from '../src/vulns/alerts';
import { importFeedFiles } from '../src/vulns/feed-import';
import { findings } from '../src/vulns/schema';
import { raiseAlert } from '../src/watch/alerts/service';
import { issueAckToken } from '../src/watch/oncall/ack-tokens';
import { addOverride, createPolicy, createRoster } from '../src/watch/oncall/service';

// Monitoring: log ingest
let hostSeq = 0;
const randomHost = () => `10.77.${Math.floor(++hostSeq / 250)}.${(hostSeq % 250) + 1}/32`;
async function buildLogSource(unit: Unit) {
  return (
    await createLogSource(t.sys, {
      unitId: unit.id,
      name: `src-${code()}`,
      kind: 'syslog',
      cidr: randomHost(),
    })
  ).source;
}

function buildAlert() {
  return createAlert(t.sys, {
    issuer: 'NCSC',
    number: code(),
    issuedOn: '2023-03-20',
    title: 'x',
    cves: ['CVE-2023-23397'],
  });
}

/** A stored text file in the given unit: the target of a file route. */
function buildFile(unit: Unit) {
  return storeFile(
    t.sys,
    unit.id,
    { name: 'note.txt', content: Buffer.from('ghi chú') },
    { allowed: ['text'] },
  );
}

/** An incident case in the given unit (with a Thông báo draft, or generated, when the route needs one). */
async function buildIncident(
  unit: Unit,
  options: { draft?: boolean; generated?: boolean } = {},
): Promise<string> {
  const incident = await openIncident(t.sys, {
    unitId: unit.id,
    title: 'Sự cố thử',
    category: 'malware',
    severity: 'low',
    detectedAt: new Date('2026-01-05T08:30:00+07:00'),
  });
  if (!options.draft && !options.generated) return incident.id;
  await saveReportDraft(t.sys, incident.id, 'thong_bao', {
    fields: {
      notifier: 'UBND',
      operator: 'VP',
      system: 'Cổng',
      detectedAt: 'x',
      description: 'x',
      signerName: 'A',
      drafter: 'VP',
    },
  });
  if (options.generated) await generateReport(t.sys, incident.id, 'thong_bao');
  return incident.id;
}

/** A host and one open finding on it, in the given unit: the target of a finding route. */
async function buildFinding(unit: Unit): Promise<string> {
  const [host] = await t.db
    .insert(hosts)
    .values({ unitId: unit.id, hostname: `h-${code()}`, source: 'manual' })
    .returning();
  const now = new Date();
  const [row] = await t.db
    .insert(findings)
    .values({
      hostId: host!.id,
      unitId: unit.id,
      cve: 'CVE-2023-24880',
      productName: 'Windows 10 Version 22H2 for x64-based Systems',
      match: 'vulnerable',
      severity: 'medium',
      rule: 'windows-build',
      confidence: 'high',
      dueAt: now,
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .returning();
  return row!.id;
}

// notify + watch (alerts and 24/7 duty): targets of the watch and notify routes, in the given unit.
const watchRule = { ruleId: 'r1', ruleTitle: 'Quy tắc', ruleAuthor: 'Tác giả', level: 'high' as const };
const buildWatchAlert = async (unit: Unit) =>
  (await raiseAlert(t.sys, { ...watchRule, unitId: unit.id, groupKey: code() })).alert;
const buildChannel = (unit: Unit) =>
  createChannel(t.sys, {
    unitId: unit.id,
    kind: 'webhook',
    name: 'w',
    enabled: true,
    settings: { url: 'http://127.0.0.1:9/' },
  });
// One duty member per unit, made once: a user costs an argon2 hash, and this walk builds many rosters.
const dutyMembers = new Map<string, Promise<{ id: string }>>();
function dutyMember(unit: Unit) {
  if (!dutyMembers.has(unit.id))
    dutyMembers.set(unit.id, buildUser(t.sys, { unitId: unit.id, role: 'on_duty' }));
  return dutyMembers.get(unit.id)!;
}
async function buildRoster(unit: Unit) {
  const member = await dutyMember(unit);
  const detail = await createRoster(t.sys, {
    unitId: unit.id,
    name: 'Trực',
    rotation: 'daily',
    handoffTime: '08:00',
    startDate: '2026-01-01',
    members: [member.id],
    enabled: true,
  });
  return detail.roster;
}
async function buildPolicy(unit: Unit) {
  const channel = await buildChannel(unit);
  return createPolicy(t.sys, {
    unitId: unit.id,
    name: 'P',
    steps: [{ target: 'on_duty', channelIds: [channel.id], waitMinutes: 5 }],
  });
}
async function ackToken(unit: Unit) {
  const alert = await buildWatchAlert(unit);
  return issueAckToken(t.db, { alertId: alert.id, userId: null, recipientName: 'x' });
}

// cameras (register)
import { advanceAssessment, proposeAssessment } from '../src/cameras/assessments-service';
import { createCamera } from '../src/cameras/cameras-service';
import { listCriteriaSets } from '../src/cameras/checklist-service';
// cameras: audit credentials (issue 4)
import { putCredential } from '../src/cameras/credentials/service';
import { defaultAnswers } from '../src/cameras/levels/index';
// cameras: audit runs (issue 4)
import { insertRun } from '../src/cameras/runs/queries';
import { putScanScope } from '../src/cameras/scopes-service';
import { createSystem } from '../src/cameras/systems-service';
// Monitoring: log ingest
import { createLogSource } from '../src/monitoring/ingest/sources-service';
// Monitoring: Sigma rules store
import { getSigmaRule, importSigmaRules } from '../src/monitoring/rules/service';
// Monitoring: rules management
import { addUnitFilter } from '../src/monitoring/rules/tuning-service';
import { updateUnit } from '../src/units/service';
import { ADMIN_PASSWORD, type Agent, bearer, createTestApp, signIn, type TestApp } from './app';
import { buildUnit, buildUser, USER_PASSWORD } from './factories';
import { multipartBody } from './multipart';

// Monitoring: Sigma rules store
function sigmaRuleYaml(): string {
  return `title: Access matrix sample\nid: ${crypto.randomUUID()}\nauthor: Test\nlogsource:\n  product: windows\n  service: security\ndetection:\n  selection:\n    EventID: 4625\n  condition: selection\nlevel: low\n`;
}
// Monitoring: rules management
function sigmaFilterYaml(ruleId: string): string {
  return `title: Access matrix filter\nlogsource:\n  product: windows\nfilter:\n  rules:\n    - ${ruleId}\n  selection:\n    TargetUserName: svc\n  condition: selection\n`;
}
async function buildSigmaRule() {
  const [row] = (await importSigmaRules(t.sys, [{ name: 'r.yml', content: Buffer.from(sigmaRuleYaml()) }]))
    .imported;
  return row!;
}

// cameras (register): a system, a camera, an assessment at a given step, in the given unit.
function buildCameraSystem(unit: Unit) {
  return createSystem(t.sys, { unitId: unit.id, name: `Hệ thống ${code()}`, cameraCount: 4 } as never);
}
function buildCamera(unit: Unit) {
  return createCamera(t.sys, { unitId: unit.id, ip: '198.18.0.10', vendor: 'Hikvision' });
}
async function buildAssessment(unit: Unit, step: 'proposed' | 'appraised') {
  const system = await buildCameraSystem(unit);
  const a = await proposeAssessment(t.sys, system.id, { regime: 'nd85-2016', answers: defaultAnswers() });
  if (step === 'appraised') await advanceAssessment(t.sys, system.id, a.id, 'appraise', {});
  return { system, a };
}
async function firstCriterion(scope: 'camera' | 'system') {
  const sets = await listCriteriaSets(t.sys);
  return sets.flatMap((s) => s.criteria).find((c) => c.scope === scope)!;
}

// The smallest KEV catalogue the parser accepts: enough to prove the import route is reached.
const MINIMAL_KEV = JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2026.11.25',
  dateReleased: '2026-11-25T00:00:00.000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: 'CVE-2023-24880',
      vendorProject: 'Microsoft',
      product: 'Windows',
      vulnerabilityName: 'Microsoft Windows SmartScreen Security Feature Bypass Vulnerability',
      dateAdded: '2023-03-14',
      shortDescription: 'Test entry.',
      requiredAction: 'Apply updates per vendor instructions.',
      dueDate: '2023-04-04',
    },
  ],
});

/**
 * Walks the whole route table: every route declares an access rule, and for every route × role ×
 * (own unit, foreign unit), for a session and for an API token, the answer is what the rule says.
 * A new route without a sample below fails this test: add one.
 */

type Sample = {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  okStatus?: number;
  /** The code a caller outside the unit gets when it is not SCOPE_FORBIDDEN (ids that must not leak). */
  foreignCode?: string;
};
type SampleBuilder = (unit: Unit) => Promise<Sample>;

let t: TestApp;
let own: Unit;
let foreign: Unit;
const sessions = new Map<Role, Agent>();
const tokens = new Map<Role, string>();
let seq = 0;
const code = () => `M${++seq}-${Math.random().toString(36).slice(2, 6)}`;

const SAMPLES: Record<string, SampleBuilder> = {
  'GET /api/health': async () => ({ method: 'GET', url: '/api/health' }),
  'GET /api/openapi.json': async () => ({ method: 'GET', url: '/api/openapi.json' }),
  'GET /metrics': async () => ({ method: 'GET', url: '/metrics' }),
  'POST /api/auth/sign-in': async () => ({
    method: 'POST',
    url: '/api/auth/sign-in',
    body: { username: 'admin', password: ADMIN_PASSWORD },
  }),
  'POST /api/auth/sign-out': async () => ({ method: 'POST', url: '/api/auth/sign-out' }),
  'GET /api/auth/me': async () => ({ method: 'GET', url: '/api/auth/me' }),
  'PATCH /api/auth/me': async () => ({ method: 'PATCH', url: '/api/auth/me', body: { language: 'vi' } }),
  // A wrong current password proves the route was reached without changing anyone's password.
  'POST /api/auth/password': async () => ({
    method: 'POST',
    url: '/api/auth/password',
    body: { currentPassword: 'not-the-password', newPassword: 'Another-long-password-1' },
    okStatus: 400,
  }),
  'GET /api/units': async (u) => ({ method: 'GET', url: `/api/units?parentId=${u.id}` }),
  'GET /api/units/:id': async (u) => ({ method: 'GET', url: `/api/units/${u.id}` }),
  'POST /api/units': async (u) => ({
    method: 'POST',
    url: '/api/units',
    body: { parentId: u.id, code: code(), name: 'Trường học', kind: 'school' },
  }),
  'PATCH /api/units/:id': async (u) => {
    const child = await buildUnit(t.sys, { parentId: u.id, code: code() });
    return { method: 'PATCH', url: `/api/units/${child.id}`, body: { name: 'Tên mới' } };
  },
  'DELETE /api/units/:id': async (u) => {
    const child = await buildUnit(t.sys, { parentId: u.id, code: code() });
    return { method: 'DELETE', url: `/api/units/${child.id}` };
  },
  'GET /api/users': async (u) => ({ method: 'GET', url: `/api/users?unitId=${u.id}` }),
  'GET /api/users/:id': async (u) => {
    const user = await buildUser(t.sys, { unitId: u.id, role: 'viewer' });
    return { method: 'GET', url: `/api/users/${user.id}` };
  },
  'POST /api/users': async (u) => ({
    method: 'POST',
    url: '/api/users',
    body: { unitId: u.id, username: `n${code().toLowerCase()}`, displayName: 'Cán bộ', role: 'viewer' },
  }),
  'PATCH /api/users/:id': async (u) => {
    const user = await buildUser(t.sys, { unitId: u.id, role: 'viewer' });
    return { method: 'PATCH', url: `/api/users/${user.id}`, body: { displayName: 'Đổi tên' } };
  },
  'POST /api/users/:id/reset-password': async (u) => {
    const user = await buildUser(t.sys, { unitId: u.id, role: 'viewer' });
    return { method: 'POST', url: `/api/users/${user.id}/reset-password` };
  },
  'GET /api/tokens': async (u) => ({ method: 'GET', url: `/api/tokens?unitId=${u.id}` }),
  'POST /api/tokens': async (u) => ({
    method: 'POST',
    url: '/api/tokens',
    body: { name: 'agent', unitId: u.id, role: 'viewer' },
  }),
  'DELETE /api/tokens/:id': async (u) => {
    const { token } = await createToken(t.sys, { name: 'x', unitId: u.id, role: 'viewer' });
    return { method: 'DELETE', url: `/api/tokens/${token.id}` };
  },
  'GET /api/audit': async (u) => ({ method: 'GET', url: `/api/audit?unitId=${u.id}` }),
  'POST /api/audit/verify': async () => ({ method: 'POST', url: '/api/audit/verify' }),
  'GET /api/jobs': async (u) => ({ method: 'GET', url: `/api/jobs?unitId=${u.id}` }),
  'GET /api/jobs/schedules': async () => ({ method: 'GET', url: '/api/jobs/schedules' }),
  'GET /api/jobs/:id': async (u) => {
    const job = await enqueueJob(t.sys, { kind: 'sessions.cleanup', unitId: u.id });
    return { method: 'GET', url: `/api/jobs/${job.id}` };
  },
  'POST /api/jobs/:id/cancel': async (u) => {
    const job = await enqueueJob(t.sys, { kind: 'sessions.cleanup', unitId: u.id });
    return { method: 'POST', url: `/api/jobs/${job.id}/cancel` };
  },
  'POST /api/inventory/import': async (u) => ({
    method: 'POST',
    url: '/api/inventory/import',
    body: { unitId: u.id, documents: [inventoryDoc()] },
  }),
  'POST /api/inventory/import-csv': async (u) => ({
    method: 'POST',
    url: '/api/inventory/import-csv',
    body: { unitId: u.id, csv: `hostname,ip\nPC-${code()},10.0.0.1\n` },
  }),
  'GET /api/inventory/collector.ps1': async () => ({ method: 'GET', url: '/api/inventory/collector.ps1' }),
  'GET /api/hosts': async (u) => ({ method: 'GET', url: `/api/hosts?unitId=${u.id}` }),
  'GET /api/hosts/:id': async (u) => {
    const host = await createHost(t.sys, { unitId: u.id, hostname: `PC-${code()}` });
    return { method: 'GET', url: `/api/hosts/${host.id}` };
  },
  'POST /api/hosts': async (u) => ({
    method: 'POST',
    url: '/api/hosts',
    body: { unitId: u.id, hostname: `PC-${code()}`, criticality: 'high' },
  }),
  'PATCH /api/hosts/:id': async (u) => {
    const host = await createHost(t.sys, { unitId: u.id, hostname: `PC-${code()}` });
    return { method: 'PATCH', url: `/api/hosts/${host.id}`, body: { owner: 'Cán bộ' } };
  },
  'DELETE /api/hosts/:id': async (u) => {
    const host = await createHost(t.sys, { unitId: u.id, hostname: `PC-${code()}` });
    return { method: 'DELETE', url: `/api/hosts/${host.id}` };
  },
  'POST /api/feeds/import': async () => {
    const { payload, headers } = multipartBody('files', [{ name: 'kev.json', content: MINIMAL_KEV }]);
    return { method: 'POST', url: '/api/feeds/import', body: payload, headers };
  },
  'GET /api/feeds': async () => ({ method: 'GET', url: '/api/feeds' }),
  // vulns: online feed sync (off by default; nothing here turns it on, so no request leaves the machine)
  'GET /api/feeds/sync/settings': async () => ({ method: 'GET', url: '/api/feeds/sync/settings' }),
  'PUT /api/feeds/sync/settings': async () => ({
    method: 'PUT',
    url: '/api/feeds/sync/settings',
    body: { cron: '30 3 * * *' },
  }),
  'POST /api/feeds/sync': async () => ({ method: 'POST', url: '/api/feeds/sync', body: {}, okStatus: 409 }),
  'GET /api/feeds/sync/log': async () => ({ method: 'GET', url: '/api/feeds/sync/log' }),
  'GET /api/vulnerabilities': async () => ({ method: 'GET', url: '/api/vulnerabilities' }),
  'GET /api/vulnerabilities/:cve': async () => {
    await importFeedFiles(t.sys, [{ name: 'kev.json', content: Buffer.from(MINIMAL_KEV) }]);
    return { method: 'GET', url: '/api/vulnerabilities/CVE-2023-24880' };
  },
  'GET /api/findings': async (u) => ({ method: 'GET', url: `/api/findings?unitId=${u.id}` }),
  'GET /api/findings/export.csv': async (u) => ({
    method: 'GET',
    url: `/api/findings/export.csv?unitId=${u.id}`,
  }),
  'GET /api/findings/summary': async (u) => ({ method: 'GET', url: `/api/findings/summary?unitId=${u.id}` }),
  'PATCH /api/findings/:id': async (u) => {
    const id = await buildFinding(u);
    return { method: 'PATCH', url: `/api/findings/${id}`, body: { status: 'in_progress' } };
  },
  'POST /api/findings/rematch': async () => ({ method: 'POST', url: '/api/findings/rematch' }),
  'GET /api/vulns/sla': async () => ({ method: 'GET', url: '/api/vulns/sla' }),
  'PUT /api/vulns/sla': async () => ({
    method: 'PUT',
    url: '/api/vulns/sla',
    body: { exploitedDays: 7, criticalDays: 15, highDays: 30, mediumDays: 90, lowDays: 180 },
  }),
  'GET /api/alerts': async () => ({ method: 'GET', url: '/api/alerts' }),
  'POST /api/alerts': async () => ({
    method: 'POST',
    url: '/api/alerts',
    body: {
      issuer: 'NCSC',
      number: code(),
      issuedOn: '2023-03-20',
      title: 'Cảnh báo',
      cveText: 'CVE-2023-23397',
    },
  }),
  'GET /api/alerts/:id': async () => ({ method: 'GET', url: `/api/alerts/${(await buildAlert()).id}` }),
  'GET /api/alerts/:id/status': async () => ({
    method: 'GET',
    url: `/api/alerts/${(await buildAlert()).id}/status`,
  }),
  // files
  'GET /api/files/:id': async (u) => ({ method: 'GET', url: `/api/files/${(await buildFile(u)).id}` }),
  'GET /api/files/:id/content': async (u) => ({
    method: 'GET',
    url: `/api/files/${(await buildFile(u)).id}/content`,
  }),
  // notify + watch (alerts and 24/7 duty)
  'GET /api/notify/channels': async (u) => ({ method: 'GET', url: `/api/notify/channels?unitId=${u.id}` }),
  'POST /api/notify/channels': async (u) => ({
    method: 'POST',
    url: '/api/notify/channels',
    body: { unitId: u.id, kind: 'webhook', name: 'w', settings: { url: 'http://127.0.0.1:9/' } },
  }),
  'GET /api/notify/channels/:id': async (u) => ({
    method: 'GET',
    url: `/api/notify/channels/${(await buildChannel(u)).id}`,
  }),
  'PATCH /api/notify/channels/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/notify/channels/${(await buildChannel(u)).id}`,
    body: { name: 'đổi' },
  }),
  'DELETE /api/notify/channels/:id': async (u) => ({
    method: 'DELETE',
    url: `/api/notify/channels/${(await buildChannel(u)).id}`,
  }),
  // Port 9 on loopback refuses: the test is logged as failed, the route answers 200.
  'POST /api/notify/channels/:id/test': async (u) => ({
    method: 'POST',
    url: `/api/notify/channels/${(await buildChannel(u)).id}/test`,
    body: {},
  }),
  'GET /api/notify/deliveries': async (u) => ({
    method: 'GET',
    url: `/api/notify/deliveries?unitId=${u.id}`,
  }),
  'GET /api/notify/deliveries/:id': async (u) => {
    const delivery = await testChannel(t.sys, (await buildChannel(u)).id, undefined);
    return { method: 'GET', url: `/api/notify/deliveries/${delivery.id}` };
  },
  'GET /api/watch/alerts': async (u) => ({ method: 'GET', url: `/api/watch/alerts?unitId=${u.id}` }),
  'POST /api/watch/alerts': async (u) => ({
    method: 'POST',
    url: '/api/watch/alerts',
    body: { ...watchRule, unitId: u.id },
  }),
  'GET /api/watch/alerts/stream': async (u) => ({
    method: 'GET',
    url: `/api/watch/alerts/stream?limit=0&unitId=${u.id}`,
  }),
  'GET /api/watch/alerts/:id': async (u) => ({
    method: 'GET',
    url: `/api/watch/alerts/${(await buildWatchAlert(u)).id}`,
  }),
  'POST /api/watch/alerts/:id/status': async (u) => ({
    method: 'POST',
    url: `/api/watch/alerts/${(await buildWatchAlert(u)).id}/status`,
    body: { status: 'acknowledged' },
  }),
  'POST /api/watch/alerts/:id/assign': async (u) => ({
    method: 'POST',
    url: `/api/watch/alerts/${(await buildWatchAlert(u)).id}/assign`,
    body: { assigneeId: null },
  }),
  'POST /api/watch/alerts/:id/comments': async (u) => ({
    method: 'POST',
    url: `/api/watch/alerts/${(await buildWatchAlert(u)).id}/comments`,
    body: { body: 'Ghi chú' },
  }),
  'GET /api/watch/ack/:token': async (u) => ({ method: 'GET', url: `/api/watch/ack/${await ackToken(u)}` }),
  'POST /api/watch/ack/:token': async (u) => ({ method: 'POST', url: `/api/watch/ack/${await ackToken(u)}` }),
  'GET /api/watch/rosters': async (u) => ({ method: 'GET', url: `/api/watch/rosters?unitId=${u.id}` }),
  'POST /api/watch/rosters': async (u) => {
    const member = await dutyMember(u);
    return {
      method: 'POST',
      url: '/api/watch/rosters',
      body: { unitId: u.id, name: 'Trực', rotation: 'weekly', startDate: '2026-01-05', members: [member.id] },
    };
  },
  'GET /api/watch/rosters/:id': async (u) => ({
    method: 'GET',
    url: `/api/watch/rosters/${(await buildRoster(u)).id}`,
  }),
  'PATCH /api/watch/rosters/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/watch/rosters/${(await buildRoster(u)).id}`,
    body: { name: 'Trực Tết' },
  }),
  'DELETE /api/watch/rosters/:id': async (u) => ({
    method: 'DELETE',
    url: `/api/watch/rosters/${(await buildRoster(u)).id}`,
  }),
  'POST /api/watch/rosters/:id/overrides': async (u) => {
    const roster = await buildRoster(u);
    return {
      method: 'POST',
      url: `/api/watch/rosters/${roster.id}/overrides`,
      body: {
        userId: roster.members[0],
        startsAt: '2026-02-16T00:00:00+07:00',
        endsAt: '2026-02-20T00:00:00+07:00',
        reason: 'Tết',
      },
    };
  },
  'DELETE /api/watch/rosters/:id/overrides/:overrideId': async (u) => {
    const roster = await buildRoster(u);
    const override = await addOverride(t.sys, roster.id, {
      userId: roster.members[0]!,
      startsAt: new Date('2026-02-16T00:00:00+07:00'),
      endsAt: new Date('2026-02-17T00:00:00+07:00'),
      reason: 'x',
    });
    return { method: 'DELETE', url: `/api/watch/rosters/${roster.id}/overrides/${override.id}` };
  },
  'GET /api/watch/rosters/:id/handovers': async (u) => ({
    method: 'GET',
    url: `/api/watch/rosters/${(await buildRoster(u)).id}/handovers`,
  }),
  'POST /api/watch/rosters/:id/handovers': async (u) => ({
    method: 'POST',
    url: `/api/watch/rosters/${(await buildRoster(u)).id}/handovers`,
    body: { notes: 'Bàn giao ca' },
  }),
  'GET /api/watch/policies': async () => ({ method: 'GET', url: '/api/watch/policies' }),
  'POST /api/watch/policies': async (u) => {
    const channel = await buildChannel(u);
    return {
      method: 'POST',
      url: '/api/watch/policies',
      body: { unitId: u.id, name: 'P', steps: [{ target: 'on_duty', channelIds: [channel.id] }] },
    };
  },
  'PATCH /api/watch/policies/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/watch/policies/${(await buildPolicy(u)).id}`,
    body: { name: 'P2' },
  }),
  'DELETE /api/watch/policies/:id': async (u) => ({
    method: 'DELETE',
    url: `/api/watch/policies/${(await buildPolicy(u)).id}`,
  }),
  // incidents
  'GET /api/incidents': async () => ({ method: 'GET', url: '/api/incidents' }),
  'POST /api/incidents': async (u) => ({
    method: 'POST',
    url: '/api/incidents',
    body: {
      unitId: u.id,
      title: 'Sự cố',
      category: 'other',
      severity: 'low',
      detectedAt: '2026-01-05T08:30:00+07:00',
    },
  }),
  'GET /api/incidents/:id': async (u) => ({ method: 'GET', url: `/api/incidents/${await buildIncident(u)}` }),
  'PATCH /api/incidents/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/incidents/${await buildIncident(u)}`,
    body: { severity: 'medium' },
  }),
  'POST /api/incidents/:id/status': async (u) => ({
    method: 'POST',
    url: `/api/incidents/${await buildIncident(u)}/status`,
    body: { status: 'triage' },
  }),
  'POST /api/incidents/:id/timeline': async (u) => ({
    method: 'POST',
    url: `/api/incidents/${await buildIncident(u)}/timeline`,
    body: { text: 'Ngắt mạng máy chủ' },
  }),
  'POST /api/incidents/:id/evidence': async (u) => {
    const body = multipartBody('file', [{ name: 'log.txt', content: 'dòng nhật ký' }]);
    return {
      method: 'POST',
      url: `/api/incidents/${await buildIncident(u)}/evidence`,
      body: body.payload,
      headers: body.headers,
    };
  },
  'POST /api/incidents/:id/indicators': async (u) => ({
    method: 'POST',
    url: `/api/incidents/${await buildIncident(u)}/indicators`,
    body: { type: 'ipv4', value: '198.51.100.7' },
  }),
  'GET /api/incidents/:id/reports/:form': async (u) => ({
    method: 'GET',
    url: `/api/incidents/${await buildIncident(u)}/reports/thong_bao`,
  }),
  'PATCH /api/incidents/:id/reports/:form': async (u) => ({
    method: 'PATCH',
    url: `/api/incidents/${await buildIncident(u)}/reports/thong_bao`,
    body: { fields: { signerName: 'Nguyễn Văn An' } },
  }),
  'POST /api/incidents/:id/reports/:form/generate': async (u) => ({
    method: 'POST',
    url: `/api/incidents/${await buildIncident(u, { draft: true })}/reports/thong_bao/generate`,
  }),
  'POST /api/incidents/:id/reports/:form/send': async (u) => ({
    method: 'POST',
    url: `/api/incidents/${await buildIncident(u, { generated: true })}/reports/thong_bao/send`,
    body: { channel: 'cong_van' },
  }),
  'GET /api/incidents/:id/export/stix': async (u) => {
    const id = await buildIncident(u);
    await addIncidentIndicator(t.sys, id, { type: 'domain', value: 'evil.example' });
    return { method: 'GET', url: `/api/incidents/${id}/export/stix` };
  },
  'GET /api/incidents/:id/export/misp': async (u) => ({
    method: 'GET',
    url: `/api/incidents/${await buildIncident(u)}/export/misp`,
  }),
  'GET /api/incident-contacts': async () => ({ method: 'GET', url: '/api/incident-contacts' }),
  'POST /api/incident-contacts': async () => ({
    method: 'POST',
    url: '/api/incident-contacts',
    body: { name: 'Sở Khoa học và Công nghệ', shortName: `SKHCN-${code()}`, email: 'so@example.gov.vn' },
  }),
  'PATCH /api/incident-contacts/:id': async () => {
    const { items } = await listIncidentContacts(t.sys);
    return {
      method: 'PATCH',
      url: `/api/incident-contacts/${items[0]!.id}`,
      body: { checkedOn: '2026-12-01' },
    };
  },
  'GET /api/incident-deadlines': async () => ({ method: 'GET', url: '/api/incident-deadlines' }),
  'PUT /api/incident-deadlines': async () => ({
    method: 'PUT',
    url: '/api/incident-deadlines',
    body: { regime: 'nd331-2026', form: 'thong_bao', hours: 24, source: 'NĐ 331/2026' },
  }),
  // directives
  'GET /api/directives': async (u) => ({ method: 'GET', url: `/api/directives?unitId=${u.id}` }),
  'POST /api/directives': async (u) => ({
    method: 'POST',
    url: '/api/directives',
    body: {
      unitId: u.id,
      number: `${++seq}/UBND-VP`,
      issuer: 'UBND tỉnh',
      issuedOn: '2023-03-21',
      subject: 'Văn bản mẫu',
      document: pdfUpload(),
      tasks: [{ text: 'Rà soát' }],
    },
  }),
  'POST /api/directives/split-tasks': async () => ({
    method: 'POST',
    url: '/api/directives/split-tasks',
    body: { text: '1. Rà soát\n2. Báo cáo' },
  }),
  'GET /api/directives/:id': async (u) => ({
    method: 'GET',
    url: `/api/directives/${(await buildDirectiveFor(t.sys, u)).directive.id}`,
  }),
  'PUT /api/directives/:id/tasks': async (u) => {
    const { directive, taskId } = await buildDirectiveFor(t.sys, u);
    return {
      method: 'PUT',
      url: `/api/directives/${directive.id}/tasks`,
      body: { tasks: [{ id: taskId, text: 'Rà soát lại' }, { text: 'Báo cáo' }] },
    };
  },
  'POST /api/directives/:id/assignments': async (u) => {
    const { directive, taskId, below } = await buildDirectiveFor(t.sys, u);
    return {
      method: 'POST',
      url: `/api/directives/${directive.id}/assignments`,
      body: { taskIds: [taskId], unitIds: [below.id], deadline: '2023-04-05' },
    };
  },
  'POST /api/directives/:id/dispatch': async (u) => ({
    method: 'POST',
    url: `/api/directives/${(await buildDirectiveFor(t.sys, u)).directive.id}/dispatch`,
    body: DISPATCH_REQUEST,
  }),
  'POST /api/directives/:id/report': async (u) => ({
    method: 'POST',
    url: `/api/directives/${(await buildDirectiveFor(t.sys, u)).directive.id}/report`,
    body: REPORT_REQUEST,
  }),
  'GET /api/directives/:id/matrix': async (u) => ({
    method: 'GET',
    url: `/api/directives/${(await buildDirectiveFor(t.sys, u)).directive.id}/matrix`,
  }),
  'GET /api/directives/:id/tasks/:taskId/evidence': async (u) => {
    const { directive, taskId } = await buildDirectiveFor(t.sys, u);
    return { method: 'GET', url: `/api/directives/${directive.id}/tasks/${taskId}/evidence` };
  },
  'GET /api/directive-tasks': async (u) => ({ method: 'GET', url: `/api/directive-tasks?unitId=${u.id}` }),
  'POST /api/directive-tasks/:id/answers': async (u) => ({
    method: 'POST',
    url: `/api/directive-tasks/${(await buildDirectiveFor(t.sys, u)).assignmentId}/answers`,
    body: { status: 'in_progress', text: 'Đang làm' },
  }),
  'GET /api/directive-tasks/:id/evidence': async (u) => ({
    method: 'GET',
    url: `/api/directive-tasks/${(await buildDirectiveFor(t.sys, u)).assignmentId}/evidence`,
  }),
  // cameras (register)
  'GET /api/camera-systems': async (u) => ({ method: 'GET', url: `/api/camera-systems?unitId=${u.id}` }),
  'POST /api/camera-systems': async (u) => ({
    method: 'POST',
    url: '/api/camera-systems',
    body: { unitId: u.id, name: `Camera ${code()}`, cameraCount: 12 },
  }),
  'GET /api/camera-systems/:id': async (u) => ({
    method: 'GET',
    url: `/api/camera-systems/${(await buildCameraSystem(u)).id}`,
  }),
  'PATCH /api/camera-systems/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/camera-systems/${(await buildCameraSystem(u)).id}`,
    body: { nvrCount: 2 },
  }),
  'DELETE /api/camera-systems/:id': async (u) => ({
    method: 'DELETE',
    url: `/api/camera-systems/${(await buildCameraSystem(u)).id}`,
  }),
  'POST /api/camera-levels/suggest': async () => ({
    method: 'POST',
    url: '/api/camera-levels/suggest',
    body: { regime: 'nd331-2026', answers: { systemType: 'noi_bo', informationTypes: ['ca_nhan'] } },
  }),
  'GET /api/camera-systems/:id/assessments': async (u) => ({
    method: 'GET',
    url: `/api/camera-systems/${(await buildCameraSystem(u)).id}/assessments`,
  }),
  'POST /api/camera-systems/:id/assessments': async (u) => ({
    method: 'POST',
    url: `/api/camera-systems/${(await buildCameraSystem(u)).id}/assessments`,
    body: { regime: 'nd85-2016', answers: { systemType: 'noi_bo', informationTypes: ['ca_nhan'] } },
  }),
  'POST /api/camera-systems/:id/assessments/:assessmentId/appraise': async (u) => {
    const { system, a } = await buildAssessment(u, 'proposed');
    return {
      method: 'POST',
      url: `/api/camera-systems/${system.id}/assessments/${a.id}/appraise`,
      body: { note: 'Đồng ý' },
    };
  },
  'POST /api/camera-systems/:id/assessments/:assessmentId/approve': async (u) => {
    const { system, a } = await buildAssessment(u, 'appraised');
    return { method: 'POST', url: `/api/camera-systems/${system.id}/assessments/${a.id}/approve`, body: {} };
  },
  'GET /api/camera-systems/:id/assessments/:assessmentId/dossier.docx': async (u) => {
    await updateUnit(t.sys, u.id, { issuerName: 'ỦY BAN NHÂN DÂN XÃ THỬ', placeName: 'Thử' });
    const { system, a } = await buildAssessment(u, 'proposed');
    return { method: 'GET', url: `/api/camera-systems/${system.id}/assessments/${a.id}/dossier.docx` };
  },
  'GET /api/camera-systems/:id/checklist': async (u) => ({
    method: 'GET',
    url: `/api/camera-systems/${(await buildCameraSystem(u)).id}/checklist`,
  }),
  'PUT /api/camera-systems/:id/checklist': async (u) => ({
    method: 'PUT',
    url: `/api/camera-systems/${(await buildCameraSystem(u)).id}/checklist`,
    body: { criterionId: (await firstCriterion('system')).id, status: 'pass', note: 'Đã phê duyệt' },
  }),
  'GET /api/cameras': async (u) => ({ method: 'GET', url: `/api/cameras?unitId=${u.id}` }),
  'POST /api/cameras': async (u) => ({
    method: 'POST',
    url: '/api/cameras',
    body: { unitId: u.id, ip: '198.18.0.20' },
  }),
  'POST /api/cameras/import-csv': async (u) => ({
    method: 'POST',
    url: '/api/cameras/import-csv',
    body: { unitId: u.id, csv: `ip,vendor\n198.18.1.${++seq % 250},Dahua\n` },
  }),
  'GET /api/cameras/:id': async (u) => ({ method: 'GET', url: `/api/cameras/${(await buildCamera(u)).id}` }),
  'PATCH /api/cameras/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/cameras/${(await buildCamera(u)).id}`,
    body: { location: 'Cổng chính' },
  }),
  'DELETE /api/cameras/:id': async (u) => ({
    method: 'DELETE',
    url: `/api/cameras/${(await buildCamera(u)).id}`,
  }),
  'GET /api/cameras/:id/checklist': async (u) => ({
    method: 'GET',
    url: `/api/cameras/${(await buildCamera(u)).id}/checklist`,
  }),
  'PUT /api/cameras/:id/checklist': async (u) => ({
    method: 'PUT',
    url: `/api/cameras/${(await buildCamera(u)).id}/checklist`,
    body: { criterionId: (await firstCriterion('camera')).id, status: 'fail', note: 'Mật khẩu mặc định' },
  }),
  'POST /api/camera-evidence': async (u) => {
    const { payload, headers } = multipartBody('file', [
      { name: 'bien-ban.txt', content: 'Biên bản kiểm tra' },
    ]);
    return { method: 'POST', url: `/api/camera-evidence?unitId=${u.id}`, body: payload, headers };
  },
  'GET /api/camera-criteria': async () => ({ method: 'GET', url: '/api/camera-criteria' }),
  'POST /api/camera-criteria/sets': async () => {
    const set = `cv${code()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')}`;
    return {
      method: 'POST',
      url: '/api/camera-criteria/sets',
      body: {
        code: set,
        version: '2023',
        name: 'Bộ tiêu chí kỹ thuật cơ bản',
        source: '294/CATTT-ATHTTT',
        criteria: [{ key: `${set}.auth.default-password`, titleVi: 'Đổi mật khẩu mặc định' }],
      },
    };
  },
  'POST /api/camera-criteria/sets/:id/criteria': async () => {
    const set = (await listCriteriaSets(t.sys)).find((s) => s.code === 'qd724')!;
    return {
      method: 'POST',
      url: `/api/camera-criteria/sets/${set.id}/criteria`,
      body: {
        key: `qd724.extra.item-${code()
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')}`,
        titleVi: 'Mục bổ sung',
      },
    };
  },
  'GET /api/camera-compliance': async (u) => ({
    method: 'GET',
    url: `/api/camera-compliance?unitId=${u.id}`,
  }),
  'GET /api/camera-scopes': async (u) => ({ method: 'GET', url: `/api/camera-scopes?unitId=${u.id}` }),
  'GET /api/camera-scopes/:unitId': async (u) => ({ method: 'GET', url: `/api/camera-scopes/${u.id}` }),
  'PUT /api/camera-scopes/:unitId': async (u) => ({
    method: 'PUT',
    url: `/api/camera-scopes/${u.id}`,
    body: { cidrs: ['198.18.0.0/24'], hosts: ['198.18.1.5'], allowedRoles: ['admin', 'unit_officer'] },
  }),
  // vulns: findings export as XLSX
  'GET /api/findings/export.xlsx': async (u) => ({
    method: 'GET',
    url: `/api/findings/export.xlsx?unitId=${u.id}`,
  }),
  // Monitoring: log ingest
  'GET /api/log-sources': async (u) => ({ method: 'GET', url: `/api/log-sources?unitId=${u.id}` }),
  'POST /api/log-sources': async (u) => ({
    method: 'POST',
    url: '/api/log-sources',
    body: { unitId: u.id, name: `fw-${code()}`, kind: 'syslog', cidr: randomHost() },
  }),
  'GET /api/log-sources/:id': async (u) => ({
    method: 'GET',
    url: `/api/log-sources/${(await buildLogSource(u)).id}`,
  }),
  'PATCH /api/log-sources/:id': async (u) => ({
    method: 'PATCH',
    url: `/api/log-sources/${(await buildLogSource(u)).id}`,
    body: { enabled: false },
  }),
  'DELETE /api/log-sources/:id': async (u) => ({
    method: 'DELETE',
    url: `/api/log-sources/${(await buildLogSource(u)).id}`,
  }),
  'GET /api/events': async (u) => ({ method: 'GET', url: `/api/events?unitId=${u.id}&field=EventID%3D4625` }),
  // An event of another unit answers 404 like an absent one: ids are sequential, existence must not leak.
  'GET /api/events/:id': async (u) => {
    const [id] = await insertEvents(t.db, [
      {
        time: new Date('2026-01-01T00:00:00Z'),
        receivedAt: new Date('2026-01-01T00:00:00Z'),
        ...{ unitId: u.id, sourceId: null, senderIp: '127.0.0.1', host: 'h', app: 'sshd' },
        ...{
          facility: 4,
          severity: 6,
          format: 'rfc3164',
          message: 'x',
          fields: {},
          raw: null,
          parseError: null,
        },
      },
    ]);
    return { method: 'GET', url: `/api/events/${id}`, foreignCode: 'EVENT_NOT_FOUND' };
  },
  // Public route authorised by the source's own ingest token (sent by every caller alike).
  'POST /api/ingest/events': async (u) => {
    const { token } = await createLogSource(t.sys, { unitId: u.id, name: `win-${code()}`, kind: 'http' });
    return {
      method: 'POST',
      url: '/api/ingest/events',
      body: '{"winlog":{"channel":"Security","event_id":4625,"event_data":{"TargetUserName":"a"}},"@timestamp":"2026-01-01T00:00:00Z"}\n',
      headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token! },
    };
  },
  'GET /api/ingest/stats': async () => ({ method: 'GET', url: '/api/ingest/stats' }),
  // vulns: findings trend (dashboard chart)
  'GET /api/findings/trend': async (u) => ({
    method: 'GET',
    url: `/api/findings/trend?unitId=${u.id}&days=30`,
  }),
  // cameras: audit runs (issue 4)
  'POST /api/camera-audits/:unitId': async (u) => {
    await putScanScope(t.sys, u.id, {
      cidrs: ['198.18.0.0/24'],
      hosts: [],
      allowedRoles: ['admin', 'unit_officer'],
      allowedUserIds: [],
      note: null,
    });
    return {
      method: 'POST',
      url: `/api/camera-audits/${u.id}`,
      body: { targets: { cidrs: ['198.18.0.0/28'] } },
    };
  },
  'GET /api/camera-audits': async (u) => ({ method: 'GET', url: `/api/camera-audits?unitId=${u.id}` }),
  'GET /api/camera-audits/runs/:id': async (u) => {
    const at = new Date();
    const run = await insertRun(t.db, {
      unitId: u.id,
      requestedBy: 'matrix',
      scope: { cidrs: ['198.18.0.0/24'], hosts: [] },
      startedAt: at,
      finishedAt: at,
      hostsTotal: 0,
      hostsDone: 0,
      devices: 0,
      findingsNew: 0,
      findingsOpen: 0,
      findingsFixed: 0,
      sent: {},
    });
    return { method: 'GET', url: `/api/camera-audits/runs/${run.id}` };
  },
  // Monitoring: Sigma rules store
  'POST /api/sigma-rules/import': async () => {
    const { payload, headers } = multipartBody('files', [{ name: 'r.yml', content: sigmaRuleYaml() }]);
    return { method: 'POST', url: '/api/sigma-rules/import', body: payload, headers };
  },
  'GET /api/sigma-rules': async (unit) => ({ method: 'GET', url: `/api/sigma-rules?unitId=${unit.id}` }),
  'GET /api/sigma-rules/:id': async () => ({
    method: 'GET',
    url: `/api/sigma-rules/${(await buildSigmaRule()).id}`,
  }),
  'PATCH /api/sigma-rules/:id': async () => ({
    method: 'PATCH',
    url: `/api/sigma-rules/${(await buildSigmaRule()).id}`,
    body: { enabled: false },
  }),
  // cameras: audit credentials and a camera's findings (issue 4)
  'GET /api/camera-credentials': async (u) => ({
    method: 'GET',
    url: `/api/camera-credentials?unitId=${u.id}`,
  }),
  'PUT /api/camera-credentials': async (u) => ({
    method: 'PUT',
    url: '/api/camera-credentials',
    body: { unitId: u.id, username: 'audit', password: 'Mk-kiem-tra-1' },
  }),
  'DELETE /api/camera-credentials/:id': async (u) => {
    const c = await putCredential(t.sys, {
      unitId: u.id,
      cameraId: null,
      protocol: 'onvif',
      username: `audit${++seq}`,
      password: 'Mk-kiem-tra-1',
      note: null,
    });
    return { method: 'DELETE', url: `/api/camera-credentials/${c.id}` };
  },
  'GET /api/cameras/:id/audit-findings': async (u) => ({
    method: 'GET',
    url: `/api/cameras/${(await buildCamera(u)).id}/audit-findings`,
  }),
  // notify + watch: holidays on a roster (issue 5)
  'POST /api/watch/rosters/:id/holidays': async (u) => {
    const roster = await buildRoster(u);
    return {
      method: 'POST',
      url: `/api/watch/rosters/${roster.id}/holidays`,
      body: { name: 'Quốc khánh', startDate: '2026-09-02', days: 2, userId: roster.members[0] },
    };
  },
  // Monitoring: rules management
  'POST /api/sigma-rules': async () => ({
    method: 'POST',
    url: '/api/sigma-rules',
    body: { yaml: sigmaRuleYaml() },
  }),
  'POST /api/sigma-rules/validate': async () => ({
    method: 'POST',
    url: '/api/sigma-rules/validate',
    body: { yaml: sigmaRuleYaml() },
  }),
  'POST /api/sigma-rules/bulk': async (unit) => ({
    method: 'POST',
    url: '/api/sigma-rules/bulk',
    body: { unitId: unit.id, enabled: false, select: { level: ['low'] } },
  }),
  'POST /api/sigma-rules/backtest': async (unit) => ({
    method: 'POST',
    url: '/api/sigma-rules/backtest',
    body: {
      unitId: unit.id,
      ruleRowId: (await buildSigmaRule()).id,
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
    },
  }),
  'PUT /api/sigma-rules/:id': async () => {
    const rule = await buildSigmaRule();
    const yaml = (await getSigmaRule(t.sys, rule.id)).yaml.replace('level: low', 'level: medium');
    return { method: 'PUT', url: `/api/sigma-rules/${rule.id}`, body: { yaml } };
  },
  'PUT /api/sigma-rules/:id/units/:unitId': async (unit) => ({
    method: 'PUT',
    url: `/api/sigma-rules/${(await buildSigmaRule()).id}/units/${unit.id}`,
    body: { enabled: false },
  }),
  'GET /api/sigma-tuning/:unitId': async (unit) => ({ method: 'GET', url: `/api/sigma-tuning/${unit.id}` }),
  'PUT /api/sigma-tuning/:unitId/placeholders': async (unit) => ({
    method: 'PUT',
    url: `/api/sigma-tuning/${unit.id}/placeholders`,
    body: { placeholders: { Admins: ['adm_x'] } },
  }),
  'POST /api/sigma-tuning/:unitId/filters': async (unit) => ({
    method: 'POST',
    url: `/api/sigma-tuning/${unit.id}/filters`,
    body: { yaml: sigmaFilterYaml((await buildSigmaRule()).ruleId) },
  }),
  'DELETE /api/sigma-tuning/:unitId/filters/:filterId': async (unit) => {
    const tuning = await addUnitFilter(t.sys, unit.id, sigmaFilterYaml((await buildSigmaRule()).ruleId));
    return { method: 'DELETE', url: `/api/sigma-tuning/${unit.id}/filters/${tuning.filters.at(-1)!.id}` };
  },
  // incidents: case owner (issue 6)
  'PUT /api/incidents/:id/owner': async (u) => ({
    method: 'PUT',
    url: `/api/incidents/${await buildIncident(u)}/owner`,
    body: { ownerUserId: null },
  }),
  'GET /api/incidents/:id/owner-candidates': async (u) => ({
    method: 'GET',
    url: `/api/incidents/${await buildIncident(u)}/owner-candidates`,
  }),
};

// Routes that plugins add and that are public by nature (API docs UI and its assets).
const isPluginRoute = (url: string) => url.startsWith('/api/docs');

beforeAll(async () => {
  t = await createTestApp();
  own = await buildUnit(t.sys, { parentId: t.root.id, code: 'OWN' });
  foreign = await buildUnit(t.sys, { parentId: t.root.id, code: 'FOREIGN' });
  for (const role of ROLES) {
    const user = await buildUser(t.sys, { unitId: own.id, role, username: `as-${role.replace('_', '-')}` });
    sessions.set(role, await signIn(t.app, user.username, USER_PASSWORD));
    tokens.set(role, (await createToken(t.sys, { name: `t-${role}`, unitId: own.id, role })).secret);
  }
});
afterAll(() => t.close());

async function auditCount() {
  const [row] = await t.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

function routes() {
  return t.app.routeTable.filter((r) => !isPluginRoute(r.url));
}

describe('access matrix', () => {
  it('every route declares an access rule and has a sample here', () => {
    for (const route of t.app.routeTable) {
      expect(route.access, `${route.method} ${route.url} has no config.access`).toBeTruthy();
    }
    const missing = routes()
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !SAMPLES[key]);
    expect(missing, 'routes without an access-matrix sample').toEqual([]);
  });

  it('anonymous callers get 401 everywhere but sign-in, health and the docs', async () => {
    for (const route of routes()) {
      const sample = await SAMPLES[`${route.method} ${route.url}`]!(own);
      const res = await t.app.inject({
        method: sample.method as 'GET',
        url: sample.url,
        payload: sample.body as object,
        headers: sample.headers,
      });
      const isPublic = (route.access as { roles: unknown }).roles === 'public';
      if (isPublic) expect(res.statusCode, `${route.method} ${route.url}`).toBeLessThan(400);
      else expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  for (const via of ['session', 'token'] as const) {
    it(`role × unit answers follow each route's rule (${via})`, async () => {
      const failures: string[] = [];
      for (const route of routes()) {
        const access = route.access as { roles: readonly Role[] | 'public' | 'any'; scope: string };
        if (access.roles === 'public') continue;
        for (const role of ROLES) {
          for (const [where, unit] of [
            ['own', own],
            ['foreign', foreign],
          ] as const) {
            const sample = await SAMPLES[`${route.method} ${route.url}`]!(unit);
            const roleOk = access.roles === 'any' || access.roles.includes(role);
            const scopeOk = access.scope !== 'unit' || where === 'own';
            const before = await auditCount();
            let res: Awaited<ReturnType<Agent['request']>>;
            if (via === 'session') {
              // Sign-out ends the session it is sent with: use a throwaway one.
              const agent =
                route.url === '/api/auth/sign-out'
                  ? await signIn(t.app, `as-${role.replace('_', '-')}`, USER_PASSWORD)
                  : sessions.get(role)!;
              res = await agent.request(sample.method, sample.url, sample.body, sample.headers);
            } else {
              res = await bearer(t.app, tokens.get(role)!)(
                sample.method,
                sample.url,
                sample.body,
                sample.headers,
              );
            }
            const label = `${via} ${role} ${where}: ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
            let expected: number | string;
            if (!roleOk) expected = 'FORBIDDEN';
            else if (via === 'token' && access.scope === 'self') expected = 'UNAUTHENTICATED';
            else if (!scopeOk) expected = sample.foreignCode ?? 'SCOPE_FORBIDDEN';
            else expected = sample.okStatus ?? 'ok';
            const actual =
              res.statusCode < 300
                ? 'ok'
                : res.statusCode === sample.okStatus
                  ? res.statusCode
                  : res.json().code;
            if (actual !== expected) failures.push(`${label} (expected ${expected})`);
            if (expected !== 'ok' && typeof expected === 'string' && (await auditCount()) !== before) {
              failures.push(`${label}: a refused call wrote an audit row`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
      // Every route × role × unit × transport: minutes on a loaded 2-core runner, not seconds.
    }, 300_000);
  }
});
