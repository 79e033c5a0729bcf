import type { Level, LevelAnswers, LevelRule, RegimeRules } from './types';

/**
 * Regime B: Nghị định 331/2026/NĐ-CP, Arts 10–16 (REGULATIONS.md §1.4). The clauses were read from a
 * third-party copy, so every rule says `verified: false` and the dossier tells the reader to check them.
 * Differences from Regime A: the personal-data thresholds count data subjects (100,000 basic or 10,000
 * sensitive), the online public-service "mức độ" test is gone, handling administrative procedures means at
 * least level 3, and a risk assessment calling for a higher level forces it (Art 10.5).
 */
const has = (a: LevelAnswers, ...types: LevelAnswers['informationTypes']) =>
  a.informationTypes.some((t) => types.includes(t));
const onlyPublic = (a: LevelAnswers) =>
  a.informationTypes.length > 0 && a.informationTypes.every((t) => t === 'cong_cong');
const internal = (a: LevelAnswers) => a.systemType === 'noi_bo' || a.systemType === 'khac';
const citizen = (a: LevelAnswers) => a.systemType === 'nguoi_dan_doanh_nghiep';
const infra = (a: LevelAnswers, scope: LevelAnswers['infrastructureScope']) =>
  a.systemType === 'co_so_ha_tang' && a.infrastructureScope === scope;
const ics = (a: LevelAnswers, ...grades: LevelAnswers['icsWorksGrade'][]) =>
  a.systemType === 'dieu_khien_cong_nghiep' && grades.includes(a.icsWorksGrade);
const manySubjects = (a: LevelAnswers) => a.basicDataSubjects >= 100_000 || a.sensitiveDataSubjects >= 10_000;

function rule(
  id: string,
  level: Level,
  article: [vi: string, en: string],
  text: [vi: string, en: string],
  reads: LevelRule['reads'],
  applies: LevelRule['applies'],
): LevelRule {
  return {
    id: `nd331.${id}`,
    level,
    article: { vi: article[0], en: article[1] },
    text: { vi: text[0], en: text[1] },
    verified: false,
    reads,
    applies,
  };
}

const riskRule = (level: Level) =>
  rule(
    `art10.5.level${level}`,
    level,
    ['Điều 10 khoản 5', 'Art 10.5'],
    [
      `Kết quả đánh giá rủi ro an ninh mạng cho thấy cần cấp độ ${level}`,
      `The cybersecurity risk assessment calls for level ${level}`,
    ],
    ['riskAssessmentLevel'],
    (a) => a.riskAssessmentLevel === level,
  );

const RULES: LevelRule[] = [
  rule(
    'art11',
    1,
    ['Điều 11', 'Art 11'],
    [
      'Hệ thống phục vụ hoạt động nội bộ, chỉ xử lý thông tin công cộng',
      'Internal system processing only public information',
    ],
    ['systemType', 'informationTypes'],
    (a) => internal(a) && onlyPublic(a),
  ),
  rule(
    'art12.1',
    2,
    ['Điều 12 khoản 1', 'Art 12.1'],
    [
      'Hệ thống phục vụ hoạt động nội bộ, xử lý thông tin riêng hoặc dữ liệu cá nhân, không xử lý bí mật nhà nước',
      'Internal system processing private information or personal data, no state secrets',
    ],
    ['systemType', 'informationTypes'],
    (a) => internal(a) && has(a, 'rieng', 'ca_nhan') && !has(a, 'bi_mat_nha_nuoc'),
  ),
  rule(
    'art12.2.a',
    2,
    ['Điều 12 khoản 2 điểm a', 'Art 12.2.a'],
    [
      'Cung cấp dịch vụ trực tuyến không thuộc danh mục ngành nghề kinh doanh có điều kiện',
      'Online service outside the conditional business lines',
    ],
    ['systemType', 'conditionalBusiness'],
    (a) => citizen(a) && !a.conditionalBusiness,
  ),
  rule(
    'art12.2.b',
    2,
    ['Điều 12 khoản 2 điểm b', 'Art 12.2.b'],
    [
      'Xử lý dữ liệu cá nhân cơ bản của dưới 100.000 chủ thể và dữ liệu nhạy cảm của dưới 10.000 chủ thể',
      'Basic personal data of fewer than 100,000 subjects and sensitive data of fewer than 10,000',
    ],
    ['systemType', 'informationTypes', 'basicDataSubjects', 'sensitiveDataSubjects'],
    (a) => citizen(a) && has(a, 'rieng', 'ca_nhan') && !manySubjects(a),
  ),
  rule(
    'art12.3',
    2,
    ['Điều 12 khoản 3', 'Art 12.3'],
    ['Hạ tầng thông tin phục vụ một cơ quan, tổ chức', 'Information infrastructure serving one agency'],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'one_agency'),
  ),
  rule(
    'art13.1',
    3,
    ['Điều 13 khoản 1', 'Art 13.1'],
    [
      'Xử lý bí mật nhà nước hoặc thông tin về quốc phòng, an ninh; bị phá hoại gây tổn hại quốc phòng, an ninh quốc gia',
      'State secrets or defence/security information; sabotage harms national defence or security',
    ],
    ['informationTypes', 'stateSecretHarm'],
    (a) => has(a, 'bi_mat_nha_nuoc') && a.stateSecretHarm === 'harm',
  ),
  // Read for every system type, not only citizen-facing ones: a city-wide camera network records far more
  // than 100,000 people whoever it serves (our reading; verify against the official text).
  rule(
    'art13.2.a',
    3,
    ['Điều 13 khoản 2 điểm a', 'Art 13.2.a'],
    [
      'Xử lý dữ liệu cá nhân cơ bản của từ 100.000 chủ thể hoặc dữ liệu nhạy cảm của từ 10.000 chủ thể trở lên',
      'Basic personal data of 100,000 subjects or more, or sensitive data of 10,000 or more',
    ],
    ['informationTypes', 'basicDataSubjects', 'sensitiveDataSubjects'],
    (a) => has(a, 'rieng', 'ca_nhan') && manySubjects(a),
  ),
  rule(
    'art13.2.b',
    3,
    ['Điều 13 khoản 2 điểm b', 'Art 13.2.b'],
    ['Hệ thống phục vụ giải quyết thủ tục hành chính', 'System that handles administrative procedures'],
    ['handlesAdminProcedures'],
    (a) => a.handlesAdminProcedures,
  ),
  rule(
    'art13.2.c',
    3,
    ['Điều 13 khoản 2 điểm c', 'Art 13.2.c'],
    [
      'Cung cấp dịch vụ trực tuyến thuộc danh mục ngành nghề kinh doanh có điều kiện',
      'Online service in a conditional business line',
    ],
    ['systemType', 'conditionalBusiness'],
    (a) => citizen(a) && a.conditionalBusiness,
  ),
  rule(
    'art13.3',
    3,
    ['Điều 13 khoản 3', 'Art 13.3'],
    [
      'Hạ tầng thông tin dùng chung phục vụ một ngành, một hoặc nhiều tỉnh',
      'Shared infrastructure serving one sector or one or more provinces',
    ],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'sector_or_provinces'),
  ),
  rule(
    'art13.4',
    3,
    ['Điều 13 khoản 4', 'Art 13.4'],
    [
      'Điều khiển công nghiệp cho công trình cấp II đến cấp IV',
      'Industrial control for works of grade II to IV',
    ],
    ['systemType', 'icsWorksGrade'],
    (a) => ics(a, 'grade_4', 'grade_3', 'grade_2'),
  ),
  rule(
    'art14.1',
    4,
    ['Điều 14 khoản 1', 'Art 14.1'],
    [
      'Bí mật nhà nước…; bị phá hoại gây tổn hại nghiêm trọng quốc phòng, an ninh quốc gia',
      'State secrets…; sabotage seriously harms national defence or security',
    ],
    ['informationTypes', 'stateSecretHarm'],
    (a) => has(a, 'bi_mat_nha_nuoc') && a.stateSecretHarm === 'serious',
  ),
  rule(
    'art14.2',
    4,
    ['Điều 14 khoản 2', 'Art 14.2'],
    ['Hệ thống Chính phủ số quốc gia hoạt động 24/7', 'National digital-government system running 24/7'],
    ['nationalEgov247'],
    (a) => a.nationalEgov247,
  ),
  rule(
    'art14.3',
    4,
    ['Điều 14 khoản 3', 'Art 14.3'],
    ['Hạ tầng thông tin dùng chung quốc gia, hoạt động 24/7', 'Nationwide shared infrastructure, 24/7'],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'national'),
  ),
  rule(
    'art14.4',
    4,
    ['Điều 14 khoản 4', 'Art 14.4'],
    ['Điều khiển công nghiệp cho công trình cấp I', 'Industrial control for grade I works'],
    ['systemType', 'icsWorksGrade'],
    (a) => ics(a, 'grade_1'),
  ),
  rule(
    'art15.1',
    5,
    ['Điều 15 khoản 1', 'Art 15.1'],
    [
      'Bí mật nhà nước…; bị phá hoại gây tổn hại đặc biệt nghiêm trọng quốc phòng, an ninh quốc gia',
      'State secrets…; sabotage especially seriously harms national defence or security',
    ],
    ['informationTypes', 'stateSecretHarm'],
    (a) => has(a, 'bi_mat_nha_nuoc') && a.stateSecretHarm === 'especially_serious',
  ),
  rule(
    'art15.2',
    5,
    ['Điều 15 khoản 2', 'Art 15.2'],
    [
      'Lưu trữ tập trung dữ liệu đặc biệt quan trọng của quốc gia',
      'Central storage of especially important national data',
    ],
    ['centralNationalData'],
    (a) => a.centralNationalData,
  ),
  rule(
    'art15.3',
    5,
    ['Điều 15 khoản 3', 'Art 15.3'],
    [
      'Hạ tầng thông tin quốc gia kết nối Việt Nam với quốc tế',
      'National infrastructure linking Vietnam abroad',
    ],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'international'),
  ),
  rule(
    'art15.4',
    5,
    ['Điều 15 khoản 4', 'Art 15.4'],
    [
      'Điều khiển công nghiệp cho công trình cấp đặc biệt hoặc công trình liên quan đến an ninh quốc gia',
      'Industrial control for special-grade or national-security works',
    ],
    ['systemType', 'icsWorksGrade'],
    (a) => ics(a, 'special'),
  ),
  rule(
    'art16.4',
    5,
    ['Điều 16 khoản 4', 'Art 16.4'],
    [
      'Hệ thống thông tin quan trọng về an ninh quốc gia',
      'Information system important to national security',
    ],
    ['pmDecision'],
    (a) => a.pmDecision,
  ),
  riskRule(2),
  riskRule(3),
  riskRule(4),
  riskRule(5),
];

export const ND331_2026: RegimeRules = {
  regime: 'nd331-2026',
  name: { vi: 'Nghị định 331/2026/NĐ-CP', en: 'Decree 331/2026/ND-CP' },
  legalBases: [
    'Căn cứ Luật An ninh mạng số 116/2025/QH15 ngày 10 tháng 12 năm 2025',
    'Căn cứ Nghị định số 331/2026/NĐ-CP ngày 19 tháng 8 năm 2026 của Chính phủ về bảo vệ an ninh mạng đối với hệ thống thông tin',
  ],
  rules: RULES,
  fallback: {
    id: 'nd331.none',
    level: 1,
    article: { vi: 'Điều 11 (không tiêu chí nào khớp)', en: 'Art 11 (no criterion matched)' },
    text: {
      vi: 'Không tiêu chí nào của Điều 11–16 khớp với câu trả lời; đề xuất cấp độ thấp nhất, cần người có thẩm quyền xác nhận',
      en: 'No criterion of Arts 11–16 matches the answers; the lowest level is suggested and must be confirmed',
    },
    verified: false,
  },
  questions: [
    'systemType',
    'informationTypes',
    'stateSecretHarm',
    'conditionalBusiness',
    'basicDataSubjects',
    'sensitiveDataSubjects',
    'handlesAdminProcedures',
    'infrastructureScope',
    'nationalEgov247',
    'icsWorksGrade',
    'centralNationalData',
    'pmDecision',
    'riskAssessmentLevel',
  ],
};
