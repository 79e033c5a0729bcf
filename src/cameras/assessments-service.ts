import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Assessment, AssessmentCreate, AssessmentStep } from './contract';
import { approvalPath } from './levels/approval-path';
import { suggestLevel } from './levels/index';
import type { Level, LevelAnswers, Regime } from './levels/types';
import {
  type AssessmentRow,
  findAssessment,
  insertAssessment,
  listAssessmentRows,
  supersedeOpenAssessments,
  updateAssessmentRow,
} from './queries';
import { loadSystemInScope } from './systems-service';

export function toAssessment(row: AssessmentRow): Assessment {
  const { proposedById: _p, ...rest } = row;
  return {
    ...rest,
    answers: row.answers as Record<string, unknown>,
    path: approvalPath(row.regime, row.level as Level),
  };
}

/** The suggestion alone (the wizard shows it while the questions are answered); writes nothing. */
export function suggest(regime: Regime, answers: LevelAnswers) {
  const suggestion = suggestLevel(regime, answers);
  return { suggestion, path: approvalPath(regime, suggestion.level) };
}

export async function listAssessments(ctx: Ctx, systemId: string): Promise<Assessment[]> {
  await loadSystemInScope(ctx, systemId);
  return (await listAssessmentRows(ctx.db, systemId)).map(toAssessment);
}

export async function loadAssessment(ctx: Ctx, systemId: string, id: string): Promise<AssessmentRow> {
  await loadSystemInScope(ctx, systemId);
  const row = await findAssessment(ctx.db, systemId, id);
  if (!row) throw new AppError('ASSESSMENT_NOT_FOUND', { assessmentId: id });
  return row;
}

/**
 * Records a proposal: the regime's suggestion with its clauses, and the proposed level (the suggestion, or
 * an admin's override with a reason). An open proposal of the same system is superseded, never edited.
 */
export async function proposeAssessment(
  ctx: Ctx,
  systemId: string,
  input: AssessmentCreate,
): Promise<Assessment> {
  if (input.overrideLevel !== undefined && ctx.role !== 'admin')
    throw new AppError('ASSESSMENT_OVERRIDE_ADMIN');
  return inTransaction(ctx, async (tx) => {
    const system = await loadSystemInScope(tx, systemId);
    const suggestion = suggestLevel(input.regime, input.answers);
    const overridden = input.overrideLevel !== undefined && input.overrideLevel !== suggestion.level;
    const superseded = await supersedeOpenAssessments(tx.db, systemId);
    const row = await insertAssessment(tx.db, {
      systemId,
      unitId: system.unitId,
      regime: input.regime,
      answers: input.answers,
      suggestion,
      suggestedLevel: suggestion.level,
      level: overridden ? input.overrideLevel! : suggestion.level,
      decidingArticle: suggestion.deciding.article.vi,
      overrideReason: overridden ? input.overrideReason! : null,
      proposedBy: tx.actor.name,
      proposedById: tx.actor.id,
    });
    await recordAudit(tx, {
      action: 'camera_assessment.propose',
      targetType: 'camera_assessment',
      targetId: row.id,
      unitId: system.unitId,
      details: {
        systemId,
        regime: row.regime,
        suggestedLevel: row.suggestedLevel,
        level: row.level,
        decidingRule: suggestion.deciding.id,
        override: overridden ? input.overrideReason : null,
        superseded,
      },
    });
    return toAssessment(row);
  });
}

type Step = 'appraise' | 'approve';
const FROM: Record<Step, AssessmentRow['status']> = { appraise: 'proposed', approve: 'appraised' };
const STEP_WORDS: Record<Step, { vi: string; en: string }> = {
  appraise: { vi: 'thẩm định', en: 'appraised' },
  approve: { vi: 'phê duyệt', en: 'approved' },
};

/**
 * Appraisal then approval, each with who and when. A person never appraises or approves their own
 * proposal (TT 12/2022 Art 6: appraisal is independent of the operator); platform actors (CLI) may.
 */
export async function advanceAssessment(
  ctx: Ctx,
  systemId: string,
  id: string,
  step: Step,
  input: AssessmentStep,
): Promise<Assessment> {
  return inTransaction(ctx, async (tx) => {
    const current = await loadAssessment(tx, systemId, id);
    if (current.status !== FROM[step]) {
      throw new AppError('ASSESSMENT_STEP_INVALID', {
        status: current.status,
        step: STEP_WORDS[step][tx.lang],
      });
    }
    if (tx.actor.id !== null && tx.actor.id === current.proposedById)
      throw new AppError('ASSESSMENT_SAME_PERSON');
    const now = new Date();
    const values =
      step === 'appraise'
        ? {
            status: 'appraised' as const,
            appraisedBy: tx.actor.name,
            appraisedAt: now,
            appraisalBody: input.body ?? null,
            appraisalNote: input.note ?? null,
          }
        : {
            status: 'approved' as const,
            approvedBy: tx.actor.name,
            approvedAt: now,
            approvalBody: input.body ?? null,
            approvalNote: [input.decisionRef, input.note].filter(Boolean).join(' — ') || null,
          };
    const row = await updateAssessmentRow(tx.db, id, values);
    await recordAudit(tx, {
      action: `camera_assessment.${step}`,
      targetType: 'camera_assessment',
      targetId: id,
      unitId: row.unitId,
      details: {
        systemId,
        level: row.level,
        regime: row.regime,
        body: input.body ?? null,
        decisionRef: input.decisionRef ?? null,
      },
    });
    return toAssessment(row);
  });
}
