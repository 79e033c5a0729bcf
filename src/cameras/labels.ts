import type { CameraSystem } from './contract';
import type { LevelAnswers } from './levels/types';

/** The Vietnamese words the dossier prints for each question and answer (legal terms as in NĐ 85 Art 6). */
export const ANSWER_LABELS: Record<keyof LevelAnswers, string> = {
  systemType: 'Loại hệ thống thông tin theo chức năng',
  informationTypes: 'Loại thông tin được xử lý',
  stateSecretHarm: 'Mức độ tổn hại quốc phòng, an ninh khi bị phá hoại',
  publicServiceLevel: 'Mức độ dịch vụ công trực tuyến cao nhất',
  conditionalBusiness: 'Dịch vụ thuộc ngành nghề kinh doanh có điều kiện',
  users: 'Số người sử dụng có thông tin riêng, thông tin cá nhân',
  basicDataSubjects: 'Số chủ thể dữ liệu cá nhân cơ bản',
  sensitiveDataSubjects: 'Số chủ thể dữ liệu cá nhân nhạy cảm',
  handlesAdminProcedures: 'Phục vụ giải quyết thủ tục hành chính',
  infrastructureScope: 'Phạm vi hạ tầng thông tin',
  nationalEgov247: 'Hệ thống Chính phủ điện tử/số quốc gia hoạt động 24/7',
  icsWorksGrade: 'Cấp công trình do hệ thống điều khiển công nghiệp phục vụ',
  centralNationalData: 'Lưu trữ tập trung dữ liệu đặc biệt quan trọng của quốc gia',
  pmDecision: 'Theo quyết định của Thủ tướng / quan trọng về an ninh quốc gia',
  riskAssessmentLevel: 'Cấp độ theo kết quả đánh giá rủi ro an ninh mạng',
};

const VALUE_LABELS: Record<string, string> = {
  noi_bo: 'Phục vụ hoạt động nội bộ',
  nguoi_dan_doanh_nghiep: 'Phục vụ người dân, doanh nghiệp',
  co_so_ha_tang: 'Cơ sở hạ tầng thông tin',
  dieu_khien_cong_nghiep: 'Điều khiển công nghiệp',
  khac: 'Loại khác',
  cong_cong: 'Thông tin công cộng',
  rieng: 'Thông tin riêng',
  ca_nhan: 'Thông tin cá nhân',
  bi_mat_nha_nuoc: 'Thông tin bí mật nhà nước',
  none: 'Không',
  harm: 'Gây tổn hại',
  serious: 'Gây tổn hại nghiêm trọng',
  especially_serious: 'Gây tổn hại đặc biệt nghiêm trọng',
  one_agency: 'Một cơ quan, tổ chức',
  sector_or_provinces: 'Một ngành, một hoặc nhiều tỉnh',
  national: 'Toàn quốc',
  international: 'Kết nối quốc tế',
  grade_4: 'Cấp IV',
  grade_3: 'Cấp III',
  grade_2: 'Cấp II',
  grade_1: 'Cấp I',
  special: 'Cấp đặc biệt, liên quan an ninh quốc gia',
};

/** An answer as words: "Có"/"Không", numbers with Vietnamese thousands separators, enums by their label. */
export function answerText(question: keyof LevelAnswers, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') {
    if (question === 'publicServiceLevel' || question === 'riskAssessmentLevel') {
      return value === 0 ? 'Không' : `Mức/cấp độ ${value}`;
    }
    return value.toLocaleString('vi-VN');
  }
  if (Array.isArray(value)) return value.map((v) => VALUE_LABELS[String(v)] ?? String(v)).join(', ');
  return VALUE_LABELS[String(value)] ?? String(value);
}

export const STORAGE_LABELS: Record<CameraSystem['storageLocation'], string> = {
  nvr_local: 'đầu ghi hình tại chỗ',
  unit_server: 'máy chủ của đơn vị',
  shared_datacenter: 'trung tâm dữ liệu dùng chung',
  cloud_vietnam: 'dịch vụ đám mây đặt tại Việt Nam',
  cloud_foreign: 'dịch vụ đám mây ở nước ngoài',
  unknown: 'chưa xác định',
};

export const EXPOSURE_LABELS: Record<CameraSystem['internetExposure'], string> = {
  none: 'không kết nối Internet',
  vpn_only: 'chỉ truy cập từ xa qua VPN',
  port_forward: 'mở cổng trực tiếp ra Internet',
  cloud_p2p: 'qua dịch vụ đám mây/P2P của hãng',
  unknown: 'chưa xác định',
};
