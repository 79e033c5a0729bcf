/**
 * The questionnaire of a level assessment and what a regime's rules answer. Both regimes ask the same
 * classification inputs (NĐ 85/2016 Art 6 = NĐ 331/2026 Art 9, REGULATIONS.md §1.2); each regime's
 * module decides which of them count and under which clause.
 */
export const REGIMES = ['nd85-2016', 'nd331-2026'] as const;
export type Regime = (typeof REGIMES)[number];

export const SYSTEM_TYPES = [
  'noi_bo',
  'nguoi_dan_doanh_nghiep',
  'co_so_ha_tang',
  'dieu_khien_cong_nghiep',
  'khac',
] as const;
export type SystemType = (typeof SYSTEM_TYPES)[number];

export const INFORMATION_TYPES = ['cong_cong', 'rieng', 'ca_nhan', 'bi_mat_nha_nuoc'] as const;
export type InformationType = (typeof INFORMATION_TYPES)[number];

/** How badly sabotage of state-secret / defence / security information harms national security. */
export const SECRET_HARMS = ['none', 'harm', 'serious', 'especially_serious'] as const;
export const INFRASTRUCTURE_SCOPES = [
  'none',
  'one_agency',
  'sector_or_provinces',
  'national',
  'international',
] as const;
/** Grade of the construction works an industrial control system serves (cấp công trình). */
export const ICS_GRADES = ['none', 'grade_4', 'grade_3', 'grade_2', 'grade_1', 'special'] as const;

export type LevelAnswers = {
  systemType: SystemType;
  informationTypes: InformationType[];
  stateSecretHarm: (typeof SECRET_HARMS)[number];
  /** Regime A: highest online public-service level offered (mức độ 1–4); 0 = none. */
  publicServiceLevel: number;
  /** Online service in a conditional business line (ngành nghề kinh doanh có điều kiện). */
  conditionalBusiness: boolean;
  /** Regime A: users whose private or personal information the system processes. */
  users: number;
  /** Regime B: data subjects of basic / of sensitive personal data. */
  basicDataSubjects: number;
  sensitiveDataSubjects: number;
  /** Regime B: the system handles administrative procedures (giải quyết thủ tục hành chính). */
  handlesAdminProcedures: boolean;
  infrastructureScope: (typeof INFRASTRUCTURE_SCOPES)[number];
  /** A national e-government system that must run 24/7 without unplanned stops. */
  nationalEgov247: boolean;
  icsWorksGrade: (typeof ICS_GRADES)[number];
  /** Centralised storage of especially important national data. */
  centralNationalData: boolean;
  /** Regime A: on the Prime Minister's list; Regime B: important to national security. */
  pmDecision: boolean;
  /** Regime B Art 10.5: the level a cybersecurity risk assessment calls for (0 = none done). */
  riskAssessmentLevel: number;
};

export type Level = 1 | 2 | 3 | 4 | 5;

/** One criterion of a regime: the clause it comes from and the level it places a system at. */
export type LevelRule = {
  id: string;
  level: Level;
  /** "Điều 8 khoản 1" / "Art 8.1", as printed in the dossier. */
  article: { vi: string; en: string };
  text: { vi: string; en: string };
  /** False where the clause was read from a secondary source (REGULATIONS.md §1.4). */
  verified: boolean;
  /** Which answers this criterion reads (shown next to each answer). */
  reads: (keyof LevelAnswers)[];
  applies: (a: LevelAnswers) => boolean;
};

export type RegimeRules = {
  regime: Regime;
  name: { vi: string; en: string };
  /** Laws, decrees and circulars the dossier cites ("Căn cứ …"). */
  legalBases: string[];
  rules: LevelRule[];
  /** What applies when no criterion matches. */
  fallback: Omit<LevelRule, 'applies' | 'reads'>;
  /** The questions this regime asks; the others are kept but not read. */
  questions: (keyof LevelAnswers)[];
};

export type MatchedRule = Omit<LevelRule, 'applies'>;

export type LevelSuggestion = {
  regime: Regime;
  level: Level;
  /** The criterion that sets the level: the first matched rule of the highest level. */
  deciding: MatchedRule & { fallback: boolean };
  matched: MatchedRule[];
  /** Per question: the answer and the clauses it triggered (empty: it placed the system nowhere). */
  answers: { question: keyof LevelAnswers; value: unknown; clauses: string[] }[];
};
