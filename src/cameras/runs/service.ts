import { randomUUID } from 'node:crypto';
import { assertInScope } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { NetScope } from '../../core/net-scope';
import type { JobTools } from '../../jobs/registry';
import { enqueueJob } from '../../jobs/service';
import { loadUnitInScope } from '../../units/service';
import { type CameraAuditOptions, runCameraAudit } from '../audit/engine';
import { loadCameraInScope } from '../cameras-service';
import { unitCredentialsForAudit } from '../credentials/service';
import { getScanScope } from '../scopes-service';
import {
  type AuditJobPayload,
  type AuditRun,
  type AuditRunDetail,
  type AuditStart,
  type AuditTargets,
  CAMERAS_AUDIT,
  type CameraAuditFindings,
} from './contract';
import {
  type AuditFindingRow,
  type AuditRunRow,
  findingsOfCamera,
  findingsOfRun,
  findRun,
  latestRunWithCamera,
  listRunRows,
} from './queries';
import { storeAuditRun } from './store';

/** Engine settings a deployment or a test fleet may change (ports, timeouts); never the scope. */
export type AuditTuning = Pick<CameraAuditOptions, 'ports' | 'limits' | 'budget' | 'hostConcurrency'>;

/**
 * Refuses a narrower scope with any address outside the registered one (NET_SCOPE_REFUSED), before
 * anything is queued or sent. Expanding is bounded by the guard's /16 limit.
 */
async function assertInsideScope(scope: AuditTargets, targets: AuditTargets): Promise<NetScope> {
  const registered = await NetScope.create(scope);
  const narrower = await NetScope.create(targets);
  for (const address of narrower.expand()) registered.assertAllowed(address, 'audit scope');
  return registered;
}

/**
 * Queues an audit of one unit. The caller must be allowed to scan the unit's registered scope. `kind` is
 * for a test fleet's copy of the job kind (its own port plan); the platform always uses the default.
 */
export async function startCameraAudit(ctx: Ctx, unitId: string, input: AuditStart, kind = CAMERAS_AUDIT) {
  const scope = await getScanScope(ctx, unitId);
  if (input.targets) await assertInsideScope(scope, input.targets);
  const runId = randomUUID();
  const payload: AuditJobPayload = {
    unitId,
    ...(input.targets ? { targets: input.targets } : {}),
    requestedBy: ctx.actor.name ?? ctx.actor.type,
    runId,
  };
  return { ...(await enqueueJob(ctx, { kind, unitId, payload })), runId };
}

/** A cancel from the jobs page/API (not a node shutdown): the job then ends "cancelled", its run kept. */
function cancelledByUser(signal: AbortSignal): boolean {
  const reason = signal.reason as { reason?: unknown } | undefined;
  return signal.aborted && reason?.reason === 'cancel';
}

/** The job body: re-reads the scope (it may have narrowed since queuing), runs the engine, stores the run. */
export async function runUnitAudit(
  payload: AuditJobPayload,
  tools: Pick<JobTools, 'ctx' | 'progress' | 'signal'> & { jobId?: string },
  tuning: AuditTuning = {},
) {
  const registered = await getScanScope(tools.ctx, payload.unitId);
  const scope = { cidrs: registered.cidrs, hosts: registered.hosts };
  const guard = payload.targets
    ? await assertInsideScope(scope, payload.targets)
    : await NetScope.create(scope);
  const covered = payload.targets ? await NetScope.create(payload.targets) : guard;
  const unitCredentials = await unitCredentialsForAudit(tools.ctx, payload.unitId);
  const result = await runCameraAudit(
    {
      ...tuning,
      scope,
      ...(payload.targets ? { targets: payload.targets } : {}),
      unitCredentials,
      signal: tools.signal,
    },
    {
      onProgress: (p) => {
        const percent = p.hostsTotal === 0 ? 99 : Math.floor((99 * p.hostsDone) / p.hostsTotal);
        void tools.progress(percent, `${p.hostsDone}/${p.hostsTotal} · ${p.devices} · ${p.findings}`);
      },
    },
  );
  const answered = new Set(result.devices.map((d) => d.address));
  const run = await storeAuditRun(tools.ctx, {
    runId: payload.runId,
    unitId: payload.unitId,
    jobId: tools.jobId ?? null,
    requestedBy: payload.requestedBy,
    scope,
    targets: payload.targets ?? null,
    // A device that did not answer this time is not "fixed": it is off or unreachable.
    covered: (address) => covered.allows(address) && answered.has(address),
    result,
  });
  // The partial run is stored; rethrowing the stop lets the worker end the job "cancelled", as asked.
  if (cancelledByUser(tools.signal)) throw tools.signal.reason;
  await tools.progress(100, `${run.devices} · ${run.findingsNew}/${run.findingsOpen}/${run.findingsFixed}`);
  return toRun(run);
}

function toRun(row: AuditRunRow): AuditRun {
  return { ...row, targets: row.targets ?? null };
}

export async function listAuditRuns(ctx: Ctx, query: { unitId?: string; limit: number }) {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const rows = await listRunRows(ctx.db, ctx.unitPath, query.unitId, query.limit);
  return { items: rows.map((r) => toRun(r.run)) };
}

export async function getAuditRun(ctx: Ctx, id: string): Promise<AuditRunDetail> {
  const found = await findRun(ctx.db, id);
  if (!found) throw new AppError('CAMERA_AUDIT_RUN_NOT_FOUND', { runId: id });
  assertInScope(ctx, { id: found.run.unitId, path: found.unitPath });
  const findings = await findingsOfRun(ctx.db, id);
  return { ...toRun(found.run), findings: findings.map(toFinding) };
}

function toFinding({ runId: _r, unitId: _u, ...f }: AuditFindingRow) {
  return f;
}

/** The camera page: its findings in the latest run that reported on it (with that run), or none yet. */
export async function getCameraAuditFindings(ctx: Ctx, cameraId: string): Promise<CameraAuditFindings> {
  await loadCameraInScope(ctx, cameraId);
  const run = await latestRunWithCamera(ctx.db, cameraId);
  if (!run) return { run: null, findings: [] };
  const findings = await findingsOfCamera(ctx.db, run.id, cameraId);
  return { run: toRun(run), findings: findings.map(toFinding) };
}
