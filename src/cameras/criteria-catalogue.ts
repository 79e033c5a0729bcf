/**
 * The built-in camera criteria, as data with their source (REGULATIONS.md §5). Ids are stable strings
 * `<set>.<group>.<item>`; the audit records its results against them (`recordAutomatedResult`). An admin
 * adds further sets (e.g. 294/CATTT-ATHTTT) or criteria through the API; those live only in the database.
 * The wording of QĐ 724 and QCVN 135 below comes from press summaries: official numbering is unverified.
 */
export type CriterionScope = 'camera' | 'system' | 'both';
export type CriterionCheck = 'automated' | 'manual';

export type CatalogueCriterion = {
  key: string;
  group: string;
  scope: CriterionScope;
  check: CriterionCheck;
  title: { vi: string; en: string };
  /** The clause or group of the source document, as far as it is known. */
  reference: string;
};

export type CatalogueSet = {
  code: string;
  version: string;
  name: string;
  source: string;
  mandatory: boolean;
  verified: boolean;
  criteria: CatalogueCriterion[];
};

function c(
  key: string,
  scope: CriterionScope,
  check: CriterionCheck,
  vi: string,
  en: string,
  reference: string,
): CatalogueCriterion {
  return { key, group: key.split('.')[1]!, scope, check, title: { vi, en }, reference };
}

const QD724: CatalogueSet = {
  code: 'qd724',
  version: '2024',
  name: 'Bộ tiêu chí về yêu cầu an toàn thông tin mạng cơ bản cho camera giám sát',
  source: 'Quyết định số 724/QĐ-BTTTT ngày 07/5/2024 của Bộ Thông tin và Truyền thông (khuyến nghị áp dụng)',
  mandatory: false,
  verified: false,
  criteria: [
    c(
      'qd724.manual.user-manual',
      'camera',
      'manual',
      'Có hướng dẫn sử dụng an toàn',
      'Security user manual provided',
      'Yêu cầu 1',
    ),
    c(
      'qd724.bruteforce.lockout',
      'camera',
      'automated',
      'Khóa đăng nhập sau nhiều lần sai (mặc định 5 lần trong 30 giây, khóa 5 phút)',
      'Login lockout after repeated failures (default 5 in 30 s, locked 5 min)',
      'Yêu cầu 2',
    ),
    c(
      'qd724.bruteforce.generic-reply',
      'camera',
      'manual',
      'Thông báo đăng nhập chỉ nêu thành công hay thất bại',
      'Login replies say only success or failure',
      'Yêu cầu 2',
    ),
    c(
      'qd724.password.forced-change',
      'camera',
      'automated',
      'Bắt buộc đổi mật khẩu mặc định/ban đầu khi sử dụng lần đầu',
      'Default or initial password must be changed at first use',
      'Yêu cầu 3',
    ),
    c(
      'qd724.password.complexity',
      'camera',
      'manual',
      'Mật khẩu dài ít nhất 8 ký tự, có chữ hoa, chữ thường, chữ số, ký tự đặc biệt',
      'Passwords of at least 8 characters with upper, lower, digit and special',
      'Yêu cầu 3',
    ),
    c(
      'qd724.password.unique-per-device',
      'camera',
      'automated',
      'Mật khẩu ban đầu khác nhau cho từng thiết bị',
      'Initial password unique per device',
      'Yêu cầu 3',
    ),
    c(
      'qd724.password.stored-encrypted',
      'camera',
      'manual',
      'Mật khẩu được lưu trữ dạng mã hóa',
      'Passwords stored encrypted',
      'Yêu cầu 3',
    ),
    c(
      'qd724.auth.required',
      'camera',
      'automated',
      'Xác thực người dùng và thiết bị trước khi truy cập',
      'Users and devices authenticated before access',
      'Yêu cầu 3',
    ),
    c(
      'qd724.vuln.vendor-portal',
      'camera',
      'manual',
      'Nhà sản xuất có kênh tiếp nhận, công bố lỗ hổng và bản vá',
      'Vendor channel to receive and publish vulnerabilities and fixes',
      'Yêu cầu 4',
    ),
    c(
      'qd724.update.secure-update',
      'camera',
      'manual',
      'Bản cập nhật được công bố, truyền qua kênh an toàn, xác thực và kiểm tra toàn vẹn',
      'Updates published, sent over a secure channel, authenticated and integrity-checked',
      'Yêu cầu 5',
    ),
    c(
      'qd724.session.auto-logout',
      'camera',
      'manual',
      'Phiên làm việc dùng khóa an toàn và tự đăng xuất',
      'Sessions use secure keys and log out automatically',
      'Yêu cầu 6',
    ),
    c(
      'qd724.channel.encrypted',
      'camera',
      'automated',
      'Kênh giao tiếp được mã hóa (HTTPS, RTSPS/SRTP)',
      'Encrypted communication channel (HTTPS, RTSPS/SRTP)',
      'Yêu cầu 7',
    ),
    c(
      'qd724.config.secure-access',
      'camera',
      'automated',
      'Truy cập cấu hình an toàn; không mở giao diện gỡ lỗi, telnet',
      'Secure access to configuration; no debug or telnet interfaces',
      'Yêu cầu 8',
    ),
    c(
      'qd724.data.vietnam-storage',
      'both',
      'automated',
      'Có thể thiết lập xử lý, lưu trữ dữ liệu tại Việt Nam',
      'Data can be set to be processed and stored in Vietnam',
      'Yêu cầu 9',
    ),
    c(
      'qd724.data.storage-country-shown',
      'camera',
      'manual',
      'Giao diện cài đặt nêu quốc gia lưu trữ, xử lý dữ liệu',
      'Setup states the country where data is stored and processed',
      'Yêu cầu 9',
    ),
    c(
      'qd724.data.sensor-list',
      'camera',
      'manual',
      'Tài liệu liệt kê các cảm biến của thiết bị',
      'Manual lists the device sensors',
      'Yêu cầu 9',
    ),
    c(
      'qd724.data.delete',
      'camera',
      'manual',
      'Người dùng xóa được dữ liệu, có thông báo kết quả',
      'User can delete data, with success/failure feedback',
      'Yêu cầu 10',
    ),
  ],
};

const QCVN135: CatalogueSet = {
  code: 'qcvn135',
  version: '2024',
  name: 'QCVN 135:2024/BTTTT Quy chuẩn kỹ thuật quốc gia về an toàn thông tin mạng cơ bản đối với camera giám sát sử dụng giao thức Internet',
  source:
    'Thông tư số 21/2024/TT-BTTTT ngày 31/12/2024 (bắt buộc; camera nhập khẩu, sản xuất trong nước áp dụng từ 01/01/2026)',
  mandatory: true,
  verified: false,
  criteria: [
    c(
      'qcvn135.auth.default-password',
      'camera',
      'automated',
      'Không chấp nhận mật khẩu mặc định hoặc mật khẩu đã công bố',
      'No default or published password accepted',
      'Nhóm 1: khởi tạo mật khẩu duy nhất',
    ),
    c(
      'qcvn135.auth.unique-initial-password',
      'camera',
      'manual',
      'Mật khẩu xuất xưởng duy nhất theo thiết bị, chống tấn công tự động',
      'Factory password unique per device, resistant to automated attacks',
      'Nhóm 1',
    ),
    c(
      'qcvn135.auth.unauthenticated-access',
      'camera',
      'automated',
      'Không truy cập được luồng hình (RTSP), ONVIF, web khi chưa xác thực',
      'No stream (RTSP), ONVIF or web access without authentication',
      'Nhóm 1',
    ),
    c(
      'qcvn135.auth.strong-crypto',
      'camera',
      'automated',
      'Xác thực dùng mật mã an toàn (không gửi mật khẩu dạng rõ, Basic qua kênh không mã hóa)',
      'Authentication uses sound cryptography (no cleartext or Basic over plain channels)',
      'Nhóm 1',
    ),
    c(
      'qcvn135.vuln.known-cve',
      'camera',
      'automated',
      'Phiên bản phần mềm không chứa lỗ hổng đã công bố',
      'Firmware free of published vulnerabilities',
      'Nhóm 2: quản lý lỗ hổng bảo mật',
    ),
    c(
      'qcvn135.vuln.disclosure-policy',
      'camera',
      'manual',
      'Nhà sản xuất công bố chính sách tiếp nhận, xử lý lỗ hổng',
      'Vendor publishes a vulnerability handling policy',
      'Nhóm 2',
    ),
    c(
      'qcvn135.update.firmware-current',
      'camera',
      'automated',
      'Phần mềm đã cập nhật bản vá của nhà sản xuất',
      "Firmware at or above the vendor's fixed version",
      'Nhóm 3: quản lý cập nhật',
    ),
    c(
      'qcvn135.update.secure-update',
      'camera',
      'manual',
      'Cơ chế cập nhật an toàn, có xác thực và kiểm tra toàn vẹn',
      'Secure, authenticated and integrity-checked updates',
      'Nhóm 3',
    ),
    c(
      'qcvn135.params.secure-storage',
      'camera',
      'manual',
      'Tham số an toàn nhạy cảm được lưu trữ an toàn',
      'Sensitive security parameters stored securely',
      'Nhóm 4: lưu trữ các tham số an toàn nhạy cảm',
    ),
    c(
      'qcvn135.channel.encrypted',
      'camera',
      'automated',
      'Giao tiếp qua kênh an toàn (TLS) cho quản trị và luồng hình',
      'Secure channel (TLS) for administration and streams',
      'Nhóm 5: quản lý kênh giao tiếp an toàn',
    ),
    c(
      'qcvn135.interface.exposed-services',
      'camera',
      'automated',
      'Không mở dịch vụ không cần thiết (telnet, cổng gỡ lỗi, cổng SDK riêng, UPnP)',
      'No unneeded services open (telnet, debug, private SDK ports, UPnP)',
      'Nhóm 6: phòng chống tấn công thông qua các giao diện của thiết bị',
    ),
    c(
      'qcvn135.interface.unauthenticated-info',
      'camera',
      'automated',
      'Không lộ thông tin thiết bị (ONVIF GetDeviceInformation, GetUsers) khi chưa xác thực',
      'No device information (ONVIF GetDeviceInformation, GetUsers) without authentication',
      'Nhóm 6',
    ),
    c(
      'qcvn135.userdata.protection',
      'camera',
      'manual',
      'Bảo vệ dữ liệu người sử dụng',
      'User data protected',
      'Nhóm 7: bảo vệ dữ liệu người sử dụng',
    ),
    c(
      'qcvn135.userdata.vietnam',
      'both',
      'automated',
      'Dữ liệu không gửi ra dịch vụ đám mây/P2P ngoài Việt Nam khi chưa được phép',
      'No data sent to cloud/P2P services outside Vietnam unless allowed',
      'Nhóm 7',
    ),
    c(
      'qcvn135.resilience.recovery',
      'camera',
      'manual',
      'Tự khôi phục sau sự cố',
      'Recovers by itself after a failure',
      'Nhóm 8: khả năng tự khôi phục sau sự cố',
    ),
    c(
      'qcvn135.erase.user-data',
      'camera',
      'manual',
      'Xóa được dữ liệu trên thiết bị',
      'Data on the device can be erased',
      'Nhóm 9: xóa dữ liệu trên thiết bị camera',
    ),
    c(
      'qcvn135.devicedata.protection',
      'camera',
      'manual',
      'Bảo vệ dữ liệu lưu trên thiết bị',
      'Data stored on the device protected',
      'Nhóm 10: bảo vệ dữ liệu trên thiết bị camera',
    ),
    c(
      'qcvn135.conformity.certificate',
      'camera',
      'manual',
      'Có giấy chứng nhận hợp quy QCVN 135:2024/BTTTT',
      'QCVN 135:2024 certificate of conformity',
      'Nhóm 11 (tên nhóm chưa xác minh); chứng nhận hợp quy',
    ),
  ],
};

const CT23: CatalogueSet = {
  code: 'ct23',
  version: '2022',
  name: 'Yêu cầu đối với hệ thống camera giám sát theo Chỉ thị 23/CT-TTg',
  source: 'Chỉ thị số 23/CT-TTg ngày 26/12/2022 của Thủ tướng Chính phủ',
  mandatory: true,
  verified: true,
  criteria: [
    c(
      'ct23.level.approved',
      'system',
      'manual',
      'Hệ thống đã được xác định, phê duyệt cấp độ an toàn',
      'The security level of the system is determined and approved',
      'Mục 1.a',
    ),
    c(
      'ct23.level.plan-deployed',
      'system',
      'manual',
      'Đã triển khai phương án bảo đảm an toàn theo cấp độ',
      'The level security plan is deployed',
      'Mục 1.a',
    ),
    c(
      'ct23.procurement.assessment',
      'system',
      'manual',
      'Đánh giá an toàn thông tin khi mua sắm, thuê dịch vụ camera',
      'Security assessed when buying cameras or renting camera services',
      'Mục 1.b',
    ),
    c(
      'ct23.procurement.origin',
      'both',
      'manual',
      'Camera có chứng nhận nguồn gốc, chất lượng; không thuộc danh sách bị cảnh báo',
      'Cameras have origin and quality certificates and are not on a warning list',
      'Mục 1.b',
    ),
    c(
      'ct23.assessment.periodic',
      'system',
      'manual',
      'Kiểm tra, đánh giá an toàn định kỳ',
      'Periodic security assessment',
      'Mục 1.b',
    ),
  ],
};

export const BUILTIN_CRITERIA_SETS: readonly CatalogueSet[] = [QCVN135, QD724, CT23];

/**
 * What the camera audit proves, and the criteria each finding speaks to (REGULATIONS.md §5.3). The audit
 * passes these ids to `recordAutomatedResult`; docs/cameras.md lists the same table.
 */
export const AUDIT_CRITERIA = {
  defaultCredentials: [
    'qcvn135.auth.default-password',
    'qd724.password.forced-change',
    'qd724.password.unique-per-device',
  ],
  notActivated: ['qd724.password.forced-change', 'qcvn135.auth.default-password'],
  unauthenticatedAccess: ['qcvn135.auth.unauthenticated-access', 'qd724.auth.required'],
  unauthenticatedDeviceInfo: ['qcvn135.interface.unauthenticated-info'],
  cleartextAuthentication: ['qcvn135.auth.strong-crypto'],
  noTls: ['qcvn135.channel.encrypted', 'qd724.channel.encrypted'],
  exposedServices: ['qcvn135.interface.exposed-services', 'qd724.config.secure-access'],
  knownVulnerableFirmware: ['qcvn135.vuln.known-cve', 'qcvn135.update.firmware-current'],
  foreignCloud: ['qcvn135.userdata.vietnam', 'qd724.data.vietnam-storage'],
  lockout: ['qd724.bruteforce.lockout'],
} as const satisfies Record<string, readonly string[]>;
