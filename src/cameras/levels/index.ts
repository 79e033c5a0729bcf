import { ND85_2016 } from './nd85-2016';
import { ND331_2026 } from './nd331-2026';
import type { Level, LevelAnswers, LevelSuggestion, MatchedRule, Regime, RegimeRules } from './types';

export * from './types';

export const REGIME_RULES: Record<Regime, RegimeRules> = {
  'nd85-2016': ND85_2016,
  'nd331-2026': ND331_2026,
};

/** NĐ 331 is in force from 01/7/2026 (Law 116/2025); assessments made before then used NĐ 85. */
export function regimeOn(day: Date): Regime {
  return day.getTime() >= Date.UTC(2026, 6, 1) - 7 * 3_600_000 ? 'nd331-2026' : 'nd85-2016';
}

function withoutTest({ applies: _a, ...rest }: RegimeRules['rules'][number]): MatchedRule {
  return rest;
}

/**
 * The level the regime's criteria give: the highest level any matched criterion sets (NĐ 85 Art 5,
 * NĐ 331 Art 8: components of different levels take the highest). Ties go to the first rule listed, so
 * the deciding article is stable. Nothing matched: the regime's fallback, flagged so that a person confirms.
 */
export function suggestLevel(regime: Regime, answers: LevelAnswers): LevelSuggestion {
  const rules = REGIME_RULES[regime];
  const matched = rules.rules.filter((r) => r.applies(answers)).map(withoutTest);
  let deciding: LevelSuggestion['deciding'] = { ...rules.fallback, reads: [], fallback: true };
  for (const rule of matched) {
    if (deciding.fallback || rule.level > deciding.level) deciding = { ...rule, fallback: false };
  }
  const answerRows = rules.questions.map((question) => ({
    question,
    value: answers[question],
    clauses: matched.filter((r) => r.reads.includes(question)).map((r) => r.article.vi),
  }));
  return { regime, level: deciding.level as Level, deciding, matched, answers: answerRows };
}

/** The answers a camera system implies before anyone is asked: CCTV of people processes personal data. */
export function defaultAnswers(hints: { recordsIdentifiablePeople?: boolean } = {}): LevelAnswers {
  return {
    systemType: 'noi_bo',
    informationTypes: hints.recordsIdentifiablePeople === false ? ['cong_cong'] : ['ca_nhan'],
    stateSecretHarm: 'none',
    publicServiceLevel: 0,
    conditionalBusiness: false,
    users: 0,
    basicDataSubjects: 0,
    sensitiveDataSubjects: 0,
    handlesAdminProcedures: false,
    infrastructureScope: 'none',
    nationalEgov247: false,
    icsWorksGrade: 'none',
    centralNationalData: false,
    pmDecision: false,
    riskAssessmentLevel: 0,
  };
}
