import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { getStoredFile, storeFile } from '../files/service';
import { loadCameraInScope } from './cameras-service';
import type {
  ChecklistRow,
  CriteriaSet,
  CriteriaSetCreate,
  Criterion,
  CriterionCreate,
  ResultBody,
} from './checklist-contract';
import {
  type CriterionRow,
  checklistRows,
  countBuiltinSets,
  countCriteriaOfSet,
  findActiveCriterionByKey,
  findCriterion,
  findResult,
  findSetByCodeVersion,
  findSetById,
  insertCriteria,
  insertSetIfMissing,
  listSetsWithCriteria,
  retireOtherVersions,
  type Target,
  upsertResult,
} from './checklist-queries';
import { BUILTIN_CRITERIA_SETS } from './criteria-catalogue';
import { loadSystemInScope } from './systems-service';

/** Seeds the built-in sets once per database (idempotent; concurrent callers meet ON CONFLICT DO NOTHING). */
export async function ensureBuiltinCriteria(ctx: Pick<Ctx, 'db'>): Promise<void> {
  if ((await countBuiltinSets(ctx.db)) >= BUILTIN_CRITERIA_SETS.length) return;
  for (const set of BUILTIN_CRITERIA_SETS) {
    const { criteria, verified: _v, ...fields } = set;
    const row = await insertSetIfMissing(ctx.db, { ...fields, builtin: true, createdBy: 'builtin' });
    await insertCriteria(
      ctx.db,
      criteria.map((c, position) => ({
        setId: row.id,
        key: c.key,
        group: c.group,
        scope: c.scope,
        check: c.check,
        titleVi: c.title.vi,
        titleEn: c.title.en,
        reference: c.reference,
        position,
      })),
    );
  }
}

const toCriterion = ({ position: _p, ...row }: CriterionRow): Criterion => row;

export async function listCriteriaSets(ctx: Ctx): Promise<CriteriaSet[]> {
  await ensureBuiltinCriteria(ctx);
  const { sets, criteria } = await listSetsWithCriteria(ctx.db);
  return sets.map(({ createdAt: _c, ...set }) => ({
    ...set,
    criteria: criteria.filter((c) => c.setId === set.id).map(toCriterion),
  }));
}

function criterionValues(setId: string, setCode: string, input: CriterionCreate, position: number) {
  if (!input.key.startsWith(`${setCode}.`)) {
    throw new AppError('VALIDATION_FAILED', { problems: `${input.key}: ${setCode}.<group>.<item>` });
  }
  return {
    setId,
    key: input.key,
    group: input.key.split('.')[1]!,
    scope: input.scope,
    check: input.check,
    titleVi: input.titleVi,
    titleEn: input.titleEn ?? null,
    reference: input.reference ?? null,
    position,
  };
}

/** An admin adds a criteria set (e.g. the text of 294/CATTT-ATHTTT) with its criteria, no code change. */
export async function createCriteriaSet(ctx: Ctx, input: CriteriaSetCreate): Promise<CriteriaSet> {
  return inTransaction(ctx, async (tx) => {
    await ensureBuiltinCriteria(tx);
    if (await findSetByCodeVersion(tx.db, input.code, input.version)) {
      throw new AppError('CRITERIA_SET_TAKEN', { code: input.code, version: input.version });
    }
    const keys = new Set<string>();
    for (const c of input.criteria) {
      if (keys.has(c.key)) throw new AppError('CRITERION_KEY_TAKEN', { key: c.key });
      keys.add(c.key);
    }
    const { criteria, replacesOlder, ...fields } = input;
    const set = await insertSetIfMissing(tx.db, { ...fields, builtin: false, createdBy: tx.actor.name });
    const rows = criteria.map((c, i) => criterionValues(set.id, set.code, c, i));
    if (rows.length > 0) await insertCriteria(tx.db, rows);
    if (replacesOlder) await retireOtherVersions(tx.db, set.code, set.id);
    await recordAudit(tx, {
      action: 'camera_criteria.set_create',
      targetType: 'camera_criteria_set',
      targetId: set.id,
      unitId: null,
      details: { code: set.code, version: set.version, criteria: rows.length, replacesOlder },
    });
    return (await listCriteriaSets(tx)).find((s) => s.id === set.id)!;
  });
}

export async function addCriterion(ctx: Ctx, setId: string, input: CriterionCreate): Promise<Criterion> {
  return inTransaction(ctx, async (tx) => {
    const set = await findSetById(tx.db, setId);
    if (!set) throw new AppError('CRITERIA_SET_NOT_FOUND', { setId });
    const position = await countCriteriaOfSet(tx.db, setId);
    const [row] = await insertCriteria(tx.db, [criterionValues(setId, set.code, input, position)]);
    if (!row) throw new AppError('CRITERION_KEY_TAKEN', { key: input.key });
    await recordAudit(tx, {
      action: 'camera_criteria.criterion_add',
      targetType: 'camera_criterion',
      targetId: row.id,
      unitId: null,
      details: { set: `${set.code}@${set.version}`, key: row.key, scope: row.scope },
    });
    return toCriterion(row);
  });
}

/** The unit of a camera or system the caller may see. */
async function targetUnit(ctx: Ctx, target: Target, id: string): Promise<string> {
  return target === 'camera'
    ? (await loadCameraInScope(ctx, id)).unitId
    : (await loadSystemInScope(ctx, id)).unitId;
}

function assertApplies(criterion: CriterionRow, target: Target) {
  if (criterion.scope !== 'both' && criterion.scope !== target) {
    throw new AppError('CRITERION_SCOPE_MISMATCH', { key: criterion.key, target });
  }
}

export async function getChecklist(ctx: Ctx, target: Target, id: string) {
  await targetUnit(ctx, target, id);
  await ensureBuiltinCriteria(ctx);
  const rows = await checklistRows(ctx.db, target, id);
  return {
    target,
    targetId: id,
    rows: rows.map(
      ({ criterion, set, result }): ChecklistRow => ({
        criterion: toCriterion(criterion),
        setCode: set.code,
        setVersion: set.version,
        status: result?.status ?? 'unknown',
        evidenceKind: result?.evidenceKind ?? null,
        note: result?.note ?? null,
        fileId: result?.fileId ?? null,
        automatedSource: result?.automatedSource ?? null,
        automatedDetail: result?.automatedDetail ?? null,
        recordedBy: result?.recordedBy ?? null,
        recordedAt: result?.recordedAt ?? null,
      }),
    ),
  };
}

/** A person's answer for one criterion, with a note or a file already stored for the same unit. */
export async function setResult(ctx: Ctx, target: Target, id: string, input: ResultBody) {
  return inTransaction(ctx, async (tx) => {
    const unitId = await targetUnit(tx, target, id);
    const criterion = await findCriterion(tx.db, input.criterionId);
    if (!criterion) throw new AppError('CRITERION_NOT_FOUND', { key: input.criterionId });
    assertApplies(criterion, target);
    if (input.fileId) {
      const file = await getStoredFile(tx, input.fileId);
      if (file.unitId !== unitId) throw new AppError('EVIDENCE_FILE_FOREIGN');
    }
    const before = await findResult(tx.db, target, id, criterion.id);
    await upsertResult(tx.db, {
      unitId,
      criterionId: criterion.id,
      ...(target === 'camera' ? { cameraId: id } : { systemId: id }),
      status: input.status,
      evidenceKind: input.fileId ? 'file' : 'note',
      note: input.note ?? null,
      fileId: input.fileId ?? null,
      automatedSource: null,
      automatedDetail: null,
      recordedBy: tx.actor.name,
      recordedAt: new Date(),
    });
    await recordAudit(tx, {
      action: 'camera_checklist.set',
      targetType: target === 'camera' ? 'camera' : 'camera_system',
      targetId: id,
      unitId,
      details: {
        key: criterion.key,
        from: before?.status ?? 'unknown',
        to: input.status,
        fileId: input.fileId ?? null,
      },
    });
    return getChecklist(tx, target, id);
  });
}

export type AutomatedResult = {
  unitId: string;
  cameraId?: string;
  systemId?: string;
  /** A criterion id such as `qcvn135.auth.default-password`; the active version of its set is used. */
  key: string;
  status: 'pass' | 'fail' | 'unknown';
  /** Where the result comes from, e.g. "camera-audit run 3f2…"; shown beside the result. */
  source: string;
  /** The evidence: request sent, response excerpt, finding id… */
  detail: Record<string, unknown>;
};

/**
 * For the camera audit: records what it proved, inside the caller's transaction. It replaces any earlier
 * result except a person's "not applicable", which is a decision and stays. Returns whether it wrote.
 * The caller has already checked scope (the audit runs for one unit); cameras must belong to `unitId`.
 */
export async function recordAutomatedResult(tx: Ctx, input: AutomatedResult): Promise<boolean> {
  const criterion = await findActiveCriterionByKey(tx.db, input.key);
  if (!criterion) throw new AppError('CRITERION_NOT_FOUND', { key: input.key });
  const target: Target = input.cameraId ? 'camera' : 'system';
  const targetId = input.cameraId ?? input.systemId;
  if (!targetId) throw new AppError('VALIDATION_FAILED', { problems: 'cameraId or systemId' });
  assertApplies(criterion, target);
  const before = await findResult(tx.db, target, targetId, criterion.id);
  if (before && before.evidenceKind !== 'automated' && before.status === 'not_applicable') return false;
  await upsertResult(tx.db, {
    unitId: input.unitId,
    criterionId: criterion.id,
    ...(target === 'camera' ? { cameraId: targetId } : { systemId: targetId }),
    status: input.status,
    evidenceKind: 'automated',
    note: null,
    fileId: null,
    automatedSource: input.source,
    automatedDetail: input.detail,
    recordedBy: tx.actor.name,
    recordedAt: new Date(),
  });
  if (before?.status !== input.status) {
    await recordAudit(tx, {
      action: 'camera_checklist.automated',
      targetType: target === 'camera' ? 'camera' : 'camera_system',
      targetId,
      unitId: input.unitId,
      details: { key: input.key, from: before?.status ?? 'unknown', to: input.status, source: input.source },
    });
  }
  return true;
}

const EVIDENCE_KINDS = ['pdf', 'docx', 'xlsx', 'zip', 'png', 'jpeg', 'gif', 'text'] as const;

/** Stores one evidence file (a scan, a screenshot, a certificate) in the unit's file store. */
export async function storeEvidence(
  ctx: Ctx,
  unitId: string | undefined,
  file: { name: string; content: Buffer } | undefined,
) {
  const target = unitId ?? ctx.unitId;
  if (!target) throw new AppError('CAMERA_UNIT_REQUIRED');
  if (!file) throw new AppError('FILE_EMPTY', { file: '-' });
  return inTransaction(ctx, (tx) => storeFile(tx, target, file, { allowed: EVIDENCE_KINDS }));
}
