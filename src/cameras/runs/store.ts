import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import type { CameraAuditResult, DeviceReport } from '../audit/engine';
import type { Finding } from '../audit/types';
import { catalogueKeysFor } from '../audit-criteria-map';
import { upsertDiscoveredCamera } from '../cameras-service';
import { ensureBuiltinCriteria, recordAutomatedResult } from '../checklist-service';
import { compareWithPrevious } from './compare';
import type { AuditTargets } from './contract';
import {
  type AuditFindingInsert,
  type AuditFindingRow,
  findingsOfRun,
  findRun,
  insertFindings,
  insertRun,
  latestRun,
} from './queries';

export type StoreInput = {
  /** The id chosen when the job was queued; a fresh one when absent or already taken (a re-run). */
  runId?: string | undefined;
  unitId: string;
  jobId: string | null;
  requestedBy: string;
  scope: AuditTargets;
  targets: AuditTargets | null;
  covered: (address: string) => boolean;
  result: CameraAuditResult;
};

type Current = Required<Omit<AuditFindingInsert, 'id' | 'runId' | 'state' | 'firstSeenAt'>>;

/**
 * Stores one finished (or cancelled) run in one transaction: the discovered cameras, the run, its findings
 * compared with the previous run, and the checklist results the findings prove. Audited as one entry.
 */
export async function storeAuditRun(ctx: Ctx, input: StoreInput) {
  return inTransaction(ctx, async (tx) => {
    const cameraIds = await upsertDevices(tx, input.unitId, input.result.devices);
    const previous = await latestRun(tx.db, input.unitId);
    const before = previous ? await findingsOfRun(tx.db, previous.id) : [];
    const current = input.result.findings.map((f) =>
      toRow(input.unitId, f, cameraIds.get(f.address) ?? null),
    );
    const now = new Date(input.result.finishedAt);
    const compared = compareWithPrevious(current, before, input.covered, !input.result.cancelled, now);
    const counts = {
      findingsNew: compared.current.filter((c) => c.state === 'new').length,
      findingsOpen: compared.current.filter((c) => c.state === 'open').length,
      findingsFixed: compared.fixed.length,
    };
    const authChecks = input.result.devices.flatMap((d) =>
      d.facts.authenticated ? [{ address: d.address, ...d.facts.authenticated }] : [],
    );
    const taken = input.runId ? await findRun(tx.db, input.runId) : undefined;
    const run = await insertRun(tx.db, {
      ...(input.runId && !taken ? { id: input.runId } : {}),
      unitId: input.unitId,
      jobId: input.jobId,
      requestedBy: input.requestedBy,
      scope: input.scope,
      targets: input.targets,
      startedAt: new Date(input.result.startedAt),
      finishedAt: now,
      cancelled: input.result.cancelled,
      hostsTotal: input.result.hostsTotal,
      hostsDone: input.result.hostsDone,
      devices: input.result.devices.length,
      ...counts,
      sent: input.result.sentCount,
      authChecks,
    });
    await insertFindings(tx.db, [
      ...compared.current.map((c) => ({ ...c, runId: run.id })),
      ...compared.fixed.map((p) => fixedCopy(p, run.id)),
    ]);
    const results = await recordChecklist(tx, input.unitId, run.id, compared.current, compared.fixed);
    await recordAudit(tx, {
      action: 'camera_audit.run',
      targetType: 'camera_audit_run',
      targetId: run.id,
      unitId: input.unitId,
      details: {
        requestedBy: input.requestedBy,
        scope: input.scope,
        targets: input.targets,
        startedAt: input.result.startedAt,
        finishedAt: input.result.finishedAt,
        cancelled: input.result.cancelled,
        hosts: input.result.hostsTotal,
        devices: input.result.devices.length,
        sent: input.result.sentCount,
        authChecks,
        ...counts,
        checklistResults: results,
      },
    });
    return run;
  });
}

async function upsertDevices(tx: Ctx, unitId: string, devices: DeviceReport[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const d of devices) {
    const { camera } = await upsertDiscoveredCamera(tx, unitId, {
      ip: d.address,
      mac: d.facts.mac ?? null,
      serial: d.facts.serial ?? null,
      vendor: d.facts.vendor === 'unknown' ? null : d.facts.vendor,
      model: d.facts.model ?? null,
      firmware: d.facts.firmware ?? null,
    });
    ids.set(d.address, camera.id);
  }
  return ids;
}

function toRow(unitId: string, f: Finding, cameraId: string | null): Current {
  return {
    unitId,
    cameraId,
    address: f.address,
    port: f.port ?? null,
    findingKey: f.key,
    check: f.check,
    severity: f.severity,
    confidence: f.confidence,
    title: f.title,
    criteria: f.criteria,
    catalogueKeys: catalogueKeysFor(f.criteria),
    remedy: f.remedy,
    evidence: f.evidence,
    cve: f.cve ?? null,
  };
}

function fixedCopy(p: AuditFindingRow, runId: string): AuditFindingInsert {
  const { id: _id, runId: _run, ...rest } = p;
  return { ...rest, runId, state: 'fixed' };
}

/**
 * A finding proves a fail on each catalogue criterion it maps to; a fixed finding proves a pass on its
 * criteria unless another open finding on the same camera still fails them. Absence of a finding alone
 * proves nothing (a check may have been skipped: credential budget, lockout sign, cancelled run).
 */
async function recordChecklist(
  tx: Ctx,
  unitId: string,
  runId: string,
  open: Array<{ cameraId: string | null; catalogueKeys: string[]; findingKey: string }>,
  fixed: Array<{ cameraId: string | null; catalogueKeys: string[]; findingKey: string }>,
): Promise<number> {
  const verdicts = new Map<
    string,
    { cameraId: string; key: string; status: 'pass' | 'fail'; findings: string[] }
  >();
  const put = (f: (typeof open)[number], status: 'pass' | 'fail') => {
    if (!f.cameraId) return;
    for (const key of f.catalogueKeys) {
      const id = `${f.cameraId}|${key}`;
      const v = verdicts.get(id) ?? { cameraId: f.cameraId, key, status, findings: [] };
      if (status === 'fail') v.status = 'fail';
      v.findings.push(f.findingKey);
      verdicts.set(id, v);
    }
  };
  for (const f of fixed) put(f, 'pass');
  for (const f of open) put(f, 'fail');
  if (verdicts.size > 0) await ensureBuiltinCriteria(tx);
  for (const v of verdicts.values()) {
    await recordAutomatedResult(tx, {
      unitId,
      cameraId: v.cameraId,
      key: v.key,
      status: v.status,
      source: `camera-audit run ${runId}`,
      detail: { runId, findings: v.findings },
    });
  }
  return verdicts.size;
}
