import { describe, expect, it } from 'vitest';
import { approvalPath } from './approval-path';
import { defaultAnswers, REGIME_RULES, regimeOn, suggestLevel } from './index';
import type { LevelAnswers, Regime } from './types';

const answers = (overrides: Partial<LevelAnswers> = {}): LevelAnswers => ({
  ...defaultAnswers(),
  ...overrides,
});

function decide(regime: Regime, overrides: Partial<LevelAnswers>) {
  const s = suggestLevel(regime, answers(overrides));
  return {
    level: s.level,
    rule: s.deciding.id,
    article: s.deciding.article.vi,
    fallback: s.deciding.fallback,
  };
}

describe('Decree 85/2016 (regime A)', () => {
  const cases: [string, Partial<LevelAnswers>, number, string][] = [
    ['internal, public only', { informationTypes: ['cong_cong'] }, 1, 'nd85.art7'],
    ['internal CCTV recording people', { informationTypes: ['ca_nhan'] }, 2, 'nd85.art8.1'],
    ['internal, private info', { informationTypes: ['cong_cong', 'rieng'] }, 2, 'nd85.art8.1'],
    [
      'public service mức độ 2',
      { systemType: 'nguoi_dan_doanh_nghiep', informationTypes: ['cong_cong'], publicServiceLevel: 2 },
      2,
      'nd85.art8.2.a',
    ],
    [
      'citizen system with 9,999 users',
      {
        systemType: 'nguoi_dan_doanh_nghiep',
        users: 9_999,
        conditionalBusiness: true,
        informationTypes: ['ca_nhan'],
      },
      3,
      'nd85.art9.2.b',
    ],
    [
      'citizen system, 9,999 users, not conditional',
      { systemType: 'nguoi_dan_doanh_nghiep', users: 9_999 },
      2,
      'nd85.art8.2.b',
    ],
    [
      'infrastructure for one agency',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'one_agency' },
      2,
      'nd85.art8.3',
    ],
    [
      'public service mức độ 3',
      { systemType: 'nguoi_dan_doanh_nghiep', publicServiceLevel: 3 },
      3,
      'nd85.art9.2.a',
    ],
    [
      'citizen system, exactly 10,000 users',
      { systemType: 'nguoi_dan_doanh_nghiep', users: 10_000 },
      3,
      'nd85.art9.2.c',
    ],
    [
      'state secrets, harm',
      { informationTypes: ['bi_mat_nha_nuoc'], stateSecretHarm: 'harm' },
      3,
      'nd85.art9.1',
    ],
    [
      'provincial shared infrastructure',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'sector_or_provinces' },
      3,
      'nd85.art9.3',
    ],
    ['ICS grade II', { systemType: 'dieu_khien_cong_nghiep', icsWorksGrade: 'grade_2' }, 3, 'nd85.art9.4'],
    [
      'state secrets, serious',
      { informationTypes: ['bi_mat_nha_nuoc'], stateSecretHarm: 'serious' },
      4,
      'nd85.art10.1',
    ],
    ['national e-gov 24/7', { nationalEgov247: true }, 4, 'nd85.art10.2'],
    [
      'national infrastructure',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'national' },
      4,
      'nd85.art10.3',
    ],
    ['ICS grade I', { systemType: 'dieu_khien_cong_nghiep', icsWorksGrade: 'grade_1' }, 4, 'nd85.art10.4'],
    [
      'state secrets, especially serious',
      { informationTypes: ['bi_mat_nha_nuoc'], stateSecretHarm: 'especially_serious' },
      5,
      'nd85.art11.1',
    ],
    ['central national data', { centralNationalData: true }, 5, 'nd85.art11.2'],
    [
      'international link',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'international' },
      5,
      'nd85.art11.3',
    ],
    [
      'ICS special grade',
      { systemType: 'dieu_khien_cong_nghiep', icsWorksGrade: 'special' },
      5,
      'nd85.art11.4',
    ],
    ["Prime Minister's decision", { pmDecision: true }, 5, 'nd85.art11.5'],
  ];
  for (const [name, overrides, level, rule] of cases) {
    it(`${name} → level ${level} (${rule})`, () => {
      expect(decide('nd85-2016', overrides)).toMatchObject({ level, rule, fallback: false });
    });
  }

  it('ignores the regime B questions', () => {
    // 200,000 data subjects and administrative procedures mean nothing under NĐ 85.
    expect(
      decide('nd85-2016', {
        basicDataSubjects: 200_000,
        handlesAdminProcedures: true,
        riskAssessmentLevel: 4,
      }),
    ).toMatchObject({ level: 2, rule: 'nd85.art8.1' });
  });

  it('takes the highest matched criterion and lists the others with their clauses', () => {
    const s = suggestLevel('nd85-2016', answers({ informationTypes: ['ca_nhan'], nationalEgov247: true }));
    expect(s.level).toBe(4);
    expect(s.deciding.article.vi).toBe('Điều 10 khoản 2');
    expect(s.matched.map((r) => r.id)).toEqual(['nd85.art8.1', 'nd85.art10.2']);
    const info = s.answers.find((a) => a.question === 'informationTypes');
    expect(info).toEqual({ question: 'informationTypes', value: ['ca_nhan'], clauses: ['Điều 8 khoản 1'] });
    expect(s.answers.find((a) => a.question === 'pmDecision')?.clauses).toEqual([]);
  });

  it('falls back to level 1, flagged, when no criterion matches', () => {
    // ICS with no works grade and public information only: no article places it.
    const s = decide('nd85-2016', { systemType: 'dieu_khien_cong_nghiep', informationTypes: ['cong_cong'] });
    expect(s).toEqual({
      level: 1,
      rule: 'nd85.none',
      article: 'Điều 7 (không tiêu chí nào khớp)',
      fallback: true,
    });
  });
});

describe('Decree 331/2026 (regime B)', () => {
  const cases: [string, Partial<LevelAnswers>, number, string][] = [
    ['internal, public only', { informationTypes: ['cong_cong'] }, 1, 'nd331.art11'],
    ['internal CCTV recording people', { informationTypes: ['ca_nhan'] }, 2, 'nd331.art12.1'],
    [
      'citizen system, 99,999 basic subjects',
      { systemType: 'nguoi_dan_doanh_nghiep', basicDataSubjects: 99_999, sensitiveDataSubjects: 9_999 },
      2,
      'nd331.art12.2.a',
    ],
    [
      'infrastructure for one agency',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'one_agency' },
      2,
      'nd331.art12.3',
    ],
    [
      'risk assessment asks for level 2',
      { informationTypes: ['cong_cong'], riskAssessmentLevel: 2 },
      2,
      'nd331.art10.5.level2',
    ],
    ['100,000 basic subjects (city-wide CCTV)', { basicDataSubjects: 100_000 }, 3, 'nd331.art13.2.a'],
    ['10,000 sensitive subjects', { sensitiveDataSubjects: 10_000 }, 3, 'nd331.art13.2.a'],
    ['handles administrative procedures', { handlesAdminProcedures: true }, 3, 'nd331.art13.2.b'],
    [
      'conditional business',
      { systemType: 'nguoi_dan_doanh_nghiep', conditionalBusiness: true },
      3,
      'nd331.art13.2.c',
    ],
    [
      'state secrets, harm',
      { informationTypes: ['bi_mat_nha_nuoc'], stateSecretHarm: 'harm' },
      3,
      'nd331.art13.1',
    ],
    [
      'provincial shared infrastructure',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'sector_or_provinces' },
      3,
      'nd331.art13.3',
    ],
    ['ICS grade IV', { systemType: 'dieu_khien_cong_nghiep', icsWorksGrade: 'grade_4' }, 3, 'nd331.art13.4'],
    [
      'state secrets, serious',
      { informationTypes: ['bi_mat_nha_nuoc'], stateSecretHarm: 'serious' },
      4,
      'nd331.art14.1',
    ],
    ['national digital government 24/7', { nationalEgov247: true }, 4, 'nd331.art14.2'],
    [
      'national infrastructure',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'national' },
      4,
      'nd331.art14.3',
    ],
    ['ICS grade I', { systemType: 'dieu_khien_cong_nghiep', icsWorksGrade: 'grade_1' }, 4, 'nd331.art14.4'],
    ['risk assessment asks for level 4', { riskAssessmentLevel: 4 }, 4, 'nd331.art10.5.level4'],
    [
      'state secrets, especially serious',
      { informationTypes: ['bi_mat_nha_nuoc'], stateSecretHarm: 'especially_serious' },
      5,
      'nd331.art15.1',
    ],
    ['central national data', { centralNationalData: true }, 5, 'nd331.art15.2'],
    [
      'international link',
      { systemType: 'co_so_ha_tang', infrastructureScope: 'international' },
      5,
      'nd331.art15.3',
    ],
    [
      'ICS special grade',
      { systemType: 'dieu_khien_cong_nghiep', icsWorksGrade: 'special' },
      5,
      'nd331.art15.4',
    ],
    ['important to national security', { pmDecision: true }, 5, 'nd331.art16.4'],
  ];
  for (const [name, overrides, level, rule] of cases) {
    it(`${name} → level ${level} (${rule})`, () => {
      expect(decide('nd331-2026', overrides)).toMatchObject({ level, rule, fallback: false });
    });
  }

  it('has no online public-service "mức độ" test', () => {
    expect(
      decide('nd331-2026', { systemType: 'nguoi_dan_doanh_nghiep', publicServiceLevel: 4 }),
    ).toMatchObject({ level: 2, rule: 'nd331.art12.2.a' });
    expect(REGIME_RULES['nd331-2026'].questions).not.toContain('publicServiceLevel');
  });

  it('uses the 10,000-user threshold of NĐ 85 only under NĐ 85', () => {
    const citizen = {
      systemType: 'nguoi_dan_doanh_nghiep' as const,
      users: 50_000,
      basicDataSubjects: 50_000,
    };
    expect(decide('nd85-2016', citizen).level).toBe(3);
    expect(decide('nd331-2026', citizen).level).toBe(2);
  });

  it('marks every clause as unverified (read from a secondary source)', () => {
    expect(REGIME_RULES['nd331-2026'].rules.every((r) => !r.verified)).toBe(true);
    expect(REGIME_RULES['nd85-2016'].rules.every((r) => r.verified)).toBe(true);
  });
});

describe('rule tables', () => {
  for (const regime of ['nd85-2016', 'nd331-2026'] as const) {
    it(`${regime}: unique ids, an article for each, every level 1–5 reachable`, () => {
      const rules = REGIME_RULES[regime].rules;
      expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
      for (const r of rules) expect(r.article.vi).toMatch(/^Điều \d+/);
      expect(new Set(rules.map((r) => r.level))).toEqual(new Set([1, 2, 3, 4, 5]));
      for (const r of rules) for (const q of r.reads) expect(REGIME_RULES[regime].questions).toContain(q);
    });
  }

  it('picks the regime by the day NĐ 331 took effect (01/7/2026, Vietnam time)', () => {
    expect(regimeOn(new Date('2026-06-30T16:59:59Z'))).toBe('nd85-2016');
    expect(regimeOn(new Date('2026-06-30T17:00:00Z'))).toBe('nd331-2026');
  });

  it('defaults a camera system recording people to personal information', () => {
    expect(defaultAnswers().informationTypes).toEqual(['ca_nhan']);
    expect(defaultAnswers({ recordsIdentifiablePeople: false }).informationTypes).toEqual(['cong_cong']);
  });
});

describe('approval path (NĐ 85 Arts 12–17)', () => {
  it('levels 1–2: the ATTT unit appraises and approves; level 3: the owner approves within 15 days of appraisal', () => {
    expect(approvalPath('nd85-2016', 2)).toMatchObject({ appraisalDays: null, needsExpertOpinion: false });
    expect(approvalPath('nd85-2016', 3)).toMatchObject({
      approvedBy: 'Chủ quản hệ thống thông tin',
      appraisalDays: 15,
    });
  });
  it('levels 4–5: the ministry appraises in 30 days (MPS under NĐ 331), expert opinion required', () => {
    expect(approvalPath('nd85-2016', 4).appraisedBy).toContain('Bộ Thông tin và Truyền thông');
    expect(approvalPath('nd331-2026', 4)).toMatchObject({
      appraisedBy: 'Bộ Công an',
      appraisalDays: 30,
      needsExpertOpinion: true,
    });
    expect(approvalPath('nd331-2026', 5).approvedBy).toContain('Thủ tướng');
  });
});
