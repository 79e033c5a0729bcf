import type { LevelAnswers, LevelRule, RegimeRules } from './types';

/**
 * Regime A: Nghị định 85/2016/NĐ-CP, Arts 7–11 (REGULATIONS.md §1.3). Any one criterion places the system
 * at its level; components of different levels take the highest (Art 5), so the suggestion is the maximum.
 */
const has = (a: LevelAnswers, ...types: LevelAnswers['informationTypes']) =>
  a.informationTypes.some((t) => types.includes(t));
const onlyPublic = (a: LevelAnswers) =>
  a.informationTypes.length > 0 && a.informationTypes.every((t) => t === 'cong_cong');
// "Khác" has no criterion of its own: we read it like an internal system for the information criteria.
const internal = (a: LevelAnswers) => a.systemType === 'noi_bo' || a.systemType === 'khac';
const citizen = (a: LevelAnswers) => a.systemType === 'nguoi_dan_doanh_nghiep';
const infra = (a: LevelAnswers, scope: LevelAnswers['infrastructureScope']) =>
  a.systemType === 'co_so_ha_tang' && a.infrastructureScope === scope;
const ics = (a: LevelAnswers, ...grades: LevelAnswers['icsWorksGrade'][]) =>
  a.systemType === 'dieu_khien_cong_nghiep' && grades.includes(a.icsWorksGrade);

function rule(
  id: string,
  level: LevelRule['level'],
  article: [vi: string, en: string],
  text: [vi: string, en: string],
  reads: LevelRule['reads'],
  applies: LevelRule['applies'],
): LevelRule {
  return {
    id: `nd85.${id}`,
    level,
    article: { vi: article[0], en: article[1] },
    text: { vi: text[0], en: text[1] },
    verified: true,
    reads,
    applies,
  };
}

const RULES: LevelRule[] = [
  rule(
    'art7',
    1,
    ['Điều 7', 'Art 7'],
    [
      'Hệ thống phục vụ hoạt động nội bộ, chỉ xử lý thông tin công cộng',
      'Internal system processing only public information',
    ],
    ['systemType', 'informationTypes'],
    (a) => internal(a) && onlyPublic(a),
  ),
  rule(
    'art8.1',
    2,
    ['Điều 8 khoản 1', 'Art 8.1'],
    [
      'Hệ thống phục vụ hoạt động nội bộ, xử lý thông tin riêng hoặc thông tin cá nhân, không xử lý bí mật nhà nước',
      'Internal system processing private or personal information, no state secrets',
    ],
    ['systemType', 'informationTypes'],
    (a) => internal(a) && has(a, 'rieng', 'ca_nhan') && !has(a, 'bi_mat_nha_nuoc'),
  ),
  rule(
    'art8.2.a',
    2,
    ['Điều 8 khoản 2 điểm a', 'Art 8.2.a'],
    ['Cung cấp dịch vụ công trực tuyến mức độ 2 trở xuống', 'Online public services at level 2 or below'],
    ['systemType', 'publicServiceLevel'],
    (a) => citizen(a) && a.publicServiceLevel >= 1 && a.publicServiceLevel <= 2,
  ),
  rule(
    'art8.2.b',
    2,
    ['Điều 8 khoản 2 điểm b', 'Art 8.2.b'],
    [
      'Cung cấp dịch vụ trực tuyến không thuộc danh mục ngành nghề kinh doanh có điều kiện',
      'Online service outside the conditional business lines',
    ],
    ['systemType', 'conditionalBusiness'],
    (a) => citizen(a) && !a.conditionalBusiness,
  ),
  rule(
    'art8.2.c',
    2,
    ['Điều 8 khoản 2 điểm c', 'Art 8.2.c'],
    [
      'Dịch vụ trực tuyến xử lý thông tin riêng, thông tin cá nhân của dưới 10.000 người sử dụng',
      'Online service with private or personal information of fewer than 10,000 users',
    ],
    ['systemType', 'informationTypes', 'users'],
    (a) => citizen(a) && has(a, 'rieng', 'ca_nhan') && a.users < 10_000,
  ),
  rule(
    'art8.3',
    2,
    ['Điều 8 khoản 3', 'Art 8.3'],
    ['Hạ tầng thông tin phục vụ một cơ quan, tổ chức', 'Information infrastructure serving one agency'],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'one_agency'),
  ),
  rule(
    'art9.1',
    3,
    ['Điều 9 khoản 1', 'Art 9.1'],
    [
      'Xử lý thông tin bí mật nhà nước hoặc thông tin về quốc phòng, an ninh; bị phá hoại gây tổn hại quốc phòng, an ninh quốc gia',
      'State secrets or defence/security information; sabotage harms national defence or security',
    ],
    ['informationTypes', 'stateSecretHarm'],
    (a) => has(a, 'bi_mat_nha_nuoc') && a.stateSecretHarm === 'harm',
  ),
  rule(
    'art9.2.a',
    3,
    ['Điều 9 khoản 2 điểm a', 'Art 9.2.a'],
    ['Cung cấp dịch vụ công trực tuyến mức độ 3, mức độ 4', 'Online public services at level 3 or 4'],
    ['systemType', 'publicServiceLevel'],
    (a) => citizen(a) && a.publicServiceLevel >= 3,
  ),
  rule(
    'art9.2.b',
    3,
    ['Điều 9 khoản 2 điểm b', 'Art 9.2.b'],
    [
      'Cung cấp dịch vụ trực tuyến thuộc danh mục ngành nghề kinh doanh có điều kiện',
      'Online service in a conditional business line',
    ],
    ['systemType', 'conditionalBusiness'],
    (a) => citizen(a) && a.conditionalBusiness,
  ),
  rule(
    'art9.2.c',
    3,
    ['Điều 9 khoản 2 điểm c', 'Art 9.2.c'],
    [
      'Dịch vụ trực tuyến xử lý thông tin riêng, thông tin cá nhân của từ 10.000 người sử dụng trở lên',
      'Online service with private or personal information of 10,000 users or more',
    ],
    ['systemType', 'informationTypes', 'users'],
    (a) => citizen(a) && has(a, 'rieng', 'ca_nhan') && a.users >= 10_000,
  ),
  rule(
    'art9.3',
    3,
    ['Điều 9 khoản 3', 'Art 9.3'],
    [
      'Hạ tầng thông tin dùng chung phục vụ một ngành, một hoặc nhiều tỉnh',
      'Shared infrastructure serving one sector or one or more provinces',
    ],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'sector_or_provinces'),
  ),
  rule(
    'art9.4',
    3,
    ['Điều 9 khoản 4', 'Art 9.4'],
    [
      'Điều khiển công nghiệp cho công trình cấp II đến cấp IV',
      'Industrial control for works of grade II to IV',
    ],
    ['systemType', 'icsWorksGrade'],
    (a) => ics(a, 'grade_4', 'grade_3', 'grade_2'),
  ),
  rule(
    'art10.1',
    4,
    ['Điều 10 khoản 1', 'Art 10.1'],
    [
      'Xử lý thông tin bí mật nhà nước…; bị phá hoại gây tổn hại nghiêm trọng quốc phòng, an ninh quốc gia',
      'State secrets…; sabotage seriously harms national defence or security',
    ],
    ['informationTypes', 'stateSecretHarm'],
    (a) => has(a, 'bi_mat_nha_nuoc') && a.stateSecretHarm === 'serious',
  ),
  rule(
    'art10.2',
    4,
    ['Điều 10 khoản 2', 'Art 10.2'],
    [
      'Hệ thống Chính phủ điện tử quốc gia, hoạt động 24/7, không chấp nhận ngừng vận hành mà không có kế hoạch',
      'National e-government system, 24/7, no unplanned stop',
    ],
    ['nationalEgov247'],
    (a) => a.nationalEgov247,
  ),
  rule(
    'art10.3',
    4,
    ['Điều 10 khoản 3', 'Art 10.3'],
    ['Hạ tầng thông tin dùng chung quốc gia, hoạt động 24/7', 'Nationwide shared infrastructure, 24/7'],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'national'),
  ),
  rule(
    'art10.4',
    4,
    ['Điều 10 khoản 4', 'Art 10.4'],
    ['Điều khiển công nghiệp cho công trình cấp I', 'Industrial control for grade I works'],
    ['systemType', 'icsWorksGrade'],
    (a) => ics(a, 'grade_1'),
  ),
  rule(
    'art11.1',
    5,
    ['Điều 11 khoản 1', 'Art 11.1'],
    [
      'Xử lý thông tin bí mật nhà nước…; bị phá hoại gây tổn hại đặc biệt nghiêm trọng quốc phòng, an ninh quốc gia',
      'State secrets…; sabotage especially seriously harms national defence or security',
    ],
    ['informationTypes', 'stateSecretHarm'],
    (a) => has(a, 'bi_mat_nha_nuoc') && a.stateSecretHarm === 'especially_serious',
  ),
  rule(
    'art11.2',
    5,
    ['Điều 11 khoản 2', 'Art 11.2'],
    [
      'Lưu trữ tập trung dữ liệu đặc biệt quan trọng của quốc gia',
      'Central storage of especially important national data',
    ],
    ['centralNationalData'],
    (a) => a.centralNationalData,
  ),
  rule(
    'art11.3',
    5,
    ['Điều 11 khoản 3', 'Art 11.3'],
    [
      'Hạ tầng thông tin quốc gia kết nối Việt Nam với quốc tế',
      'National infrastructure linking Vietnam abroad',
    ],
    ['systemType', 'infrastructureScope'],
    (a) => infra(a, 'international'),
  ),
  rule(
    'art11.4',
    5,
    ['Điều 11 khoản 4', 'Art 11.4'],
    [
      'Điều khiển công nghiệp cho công trình cấp đặc biệt hoặc công trình quan trọng liên quan đến an ninh quốc gia',
      'Industrial control for special-grade or national-security works',
    ],
    ['systemType', 'icsWorksGrade'],
    (a) => ics(a, 'special'),
  ),
  rule(
    'art11.5',
    5,
    ['Điều 11 khoản 5', 'Art 11.5'],
    [
      'Hệ thống khác theo quyết định của Thủ tướng Chính phủ',
      "Other systems by the Prime Minister's decision",
    ],
    ['pmDecision'],
    (a) => a.pmDecision,
  ),
];

export const ND85_2016: RegimeRules = {
  regime: 'nd85-2016',
  name: { vi: 'Nghị định 85/2016/NĐ-CP', en: 'Decree 85/2016/ND-CP' },
  legalBases: [
    'Căn cứ Luật An toàn thông tin mạng ngày 19 tháng 11 năm 2015',
    'Căn cứ Nghị định số 85/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ về bảo đảm an toàn hệ thống thông tin theo cấp độ',
    'Căn cứ Thông tư số 12/2022/TT-BTTTT ngày 12 tháng 8 năm 2022 của Bộ trưởng Bộ Thông tin và Truyền thông quy định chi tiết và hướng dẫn một số điều của Nghị định số 85/2016/NĐ-CP',
  ],
  rules: RULES,
  fallback: {
    id: 'nd85.none',
    level: 1,
    article: { vi: 'Điều 7 (không tiêu chí nào khớp)', en: 'Art 7 (no criterion matched)' },
    text: {
      vi: 'Không tiêu chí nào của Điều 7–11 khớp với câu trả lời; đề xuất cấp độ thấp nhất, cần người có thẩm quyền xác nhận',
      en: 'No criterion of Arts 7–11 matches the answers; the lowest level is suggested and must be confirmed',
    },
    verified: true,
  },
  questions: [
    'systemType',
    'informationTypes',
    'stateSecretHarm',
    'publicServiceLevel',
    'conditionalBusiness',
    'users',
    'infrastructureScope',
    'nationalEgov247',
    'icsWorksGrade',
    'centralNationalData',
    'pmDecision',
  ],
};
