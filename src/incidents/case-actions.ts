import { eq } from 'drizzle-orm';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { type FileInput, storeFile } from '../files/service';
import type {
  Evidence,
  Incident,
  Indicator,
  IndicatorCreate,
  StatusChange,
  TimelineEntryCreate,
} from './contract';
import { IndicatorCreate as IndicatorCreateSchema } from './contract';
import { checkIndicator } from './indicators';
import { findEvidence, findIncident, findIndicators } from './queries';
import { incidentEvidence, incidentIndicators, incidents } from './schema';
import { addEvent, loadIncidentInScope, toIncident } from './service';
import { allowedTransitions, canTransition, transitionRequirement } from './workflow';

const STATUS_NAMES = {
  new: 'Mới',
  triage: 'Tiếp nhận, phân tích',
  containment: 'Ngăn chặn',
  eradication: 'Xử lý, gỡ bỏ',
  recovery: 'Khôi phục',
  closed: 'Đã đóng',
} as const;

/** Moves a case along the workflow; only the allowed moves, each on the timeline and in the audit trail. */
export async function changeStatus(ctx: Ctx, id: string, change: StatusChange): Promise<Incident> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadIncidentInScope(tx, id);
    if (!canTransition(row.status, change.status)) {
      throw new AppError('INCIDENT_TRANSITION_NOT_ALLOWED', {
        from: row.status,
        to: change.status,
        allowed: allowedTransitions(row.status).join(', '),
      });
    }
    const missing = transitionRequirement(row.status, change.status, {
      lessonsLearned: row.lessonsLearned,
      note: change.note ?? null,
    });
    if (missing === 'lessons_learned') throw new AppError('INCIDENT_LESSONS_REQUIRED');
    if (missing === 'reason') throw new AppError('INCIDENT_REASON_REQUIRED');
    const now = new Date();
    // The end of a response (recovery → closed) starts the Báo cáo kết thúc deadline; a false alarm has none; reopening clears it.
    const responseEndedAt =
      change.status === 'closed' && row.status === 'recovery'
        ? now
        : row.status === 'closed'
          ? null
          : row.responseEndedAt;
    await tx.db
      .update(incidents)
      .set({ status: change.status, responseEndedAt, updatedAt: now })
      .where(eq(incidents.id, id));
    const text = `${STATUS_NAMES[row.status]} → ${STATUS_NAMES[change.status]}${change.note ? `: ${change.note}` : ''}`;
    await addEvent(tx, id, 'status', text, { from: row.status, to: change.status }, now);
    await recordAudit(tx, {
      action: 'incident.status',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: { from: row.status, to: change.status, note: change.note ?? null },
    });
    return toIncident((await findIncident(tx.db, id))!);
  });
}

/** A line on the timeline: an action someone took, at the time they give (default now). */
export async function addTimelineEntry(ctx: Ctx, id: string, entry: TimelineEntryCreate): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await loadIncidentInScope(tx, id);
    await addEvent(tx, id, 'note', entry.text, {}, entry.at ?? new Date());
    await recordAudit(tx, {
      action: 'incident.timeline',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: { at: (entry.at ?? new Date()).toISOString() },
    });
  });
}

/** Any kind of file is evidence (logs, images, samples): it is stored as data, hashed, never opened. */
const EVIDENCE_KINDS = [
  'pdf',
  'docx',
  'xlsx',
  'zip',
  'png',
  'jpeg',
  'gif',
  'text',
  'evtx',
  'binary',
] as const;

/** Stores an evidence file (SHA-256 on arrival) and links it; a refused file leaves nothing behind. */
export async function addEvidence(
  ctx: Ctx,
  id: string,
  file: FileInput,
  description: string,
): Promise<Evidence> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadIncidentInScope(tx, id);
    const stored = await storeFile(tx, row.unitId, file, { allowed: EVIDENCE_KINDS });
    const [link] = await tx.db
      .insert(incidentEvidence)
      .values({ incidentId: id, fileId: stored.id, description: description.trim(), addedBy: tx.actor.name })
      .returning({ id: incidentEvidence.id });
    await addEvent(tx, id, 'evidence', `Chứng cứ: ${stored.name} (SHA-256 ${stored.sha256})`, {
      fileId: stored.id,
    });
    await recordAudit(tx, {
      action: 'incident.evidence',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: { fileId: stored.id, sha256: stored.sha256, name: stored.name },
    });
    return (await findEvidence(tx.db, id)).find((e) => e.id === link!.id)!;
  });
}

export async function addIndicator(ctx: Ctx, id: string, input: IndicatorCreate): Promise<Indicator> {
  const parsed = IndicatorCreateSchema.parse(input);
  const checked = checkIndicator(parsed.type, parsed.value);
  if (!checked.ok)
    throw new AppError('INCIDENT_INDICATOR_INVALID', { type: parsed.type, value: parsed.value });
  return inTransaction(ctx, async (tx) => {
    const row = await loadIncidentInScope(tx, id);
    const existing = (await findIndicators(tx.db, id)).find(
      (i) => i.type === parsed.type && i.value === checked.value,
    );
    if (existing)
      throw new AppError('INCIDENT_INDICATOR_EXISTS', { type: parsed.type, value: checked.value });
    const [inserted] = await tx.db
      .insert(incidentIndicators)
      .values({ ...parsed, value: checked.value, incidentId: id, createdBy: tx.actor.name })
      .returning();
    await addEvent(tx, id, 'indicator', `Chỉ dấu ${parsed.type}: ${checked.value}`, {
      indicatorId: inserted!.id,
    });
    await recordAudit(tx, {
      action: 'incident.indicator',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: { type: parsed.type, value: checked.value },
    });
    const { incidentId: _i, ...indicator } = inserted!;
    return indicator;
  });
}
