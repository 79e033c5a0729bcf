import type { Text } from './types.js';

/**
 * Stable ids of the camera criteria a remote check can break (REGULATIONS.md §5.2–5.3). The criteria
 * catalogue itself (text, source, version) lives with the checklist; these ids are the join key.
 * QD724-* = Decision 724/QĐ-BTTTT items (press summaries; official numbering unverified);
 * QCVN135-G* = QCVN 135:2024/BTTTT requirement groups 1–10.
 */
export const CRITERIA = {
  'QD724-PASSWORD': {
    vi: 'QĐ 724: bắt buộc đổi mật khẩu mặc định, mật khẩu mạnh',
    en: 'Decision 724: forced change of default password, strong password',
  },
  'QD724-AUTH': {
    vi: 'QĐ 724: xác thực người dùng và thiết bị',
    en: 'Decision 724: authentication of users and devices',
  },
  'QD724-BRUTEFORCE': {
    vi: 'QĐ 724: chống dò mật khẩu (khóa sau 5 lần sai trong 30 giây)',
    en: 'Decision 724: brute-force protection (lock after 5 failures in 30 s)',
  },
  'QD724-VULN': { vi: 'QĐ 724: quản lý lỗ hổng bảo mật', en: 'Decision 724: vulnerability management' },
  'QD724-UPDATE': { vi: 'QĐ 724: cập nhật phần mềm an toàn', en: 'Decision 724: secure software updates' },
  'QD724-CHANNEL': { vi: 'QĐ 724: kênh giao tiếp an toàn', en: 'Decision 724: secure communication channel' },
  'QD724-CONFIG-ACCESS': {
    vi: 'QĐ 724: truy cập cấu hình an toàn (giao diện mạng)',
    en: 'Decision 724: secure access to configuration (network interfaces)',
  },
  'QD724-DATA-VN': {
    vi: 'QĐ 724: xử lý và lưu trữ dữ liệu tại Việt Nam',
    en: 'Decision 724: data processed and stored in Vietnam',
  },
  'QCVN135-G1': {
    vi: 'QCVN 135 nhóm 1: khởi tạo mật khẩu duy nhất',
    en: 'QCVN 135 group 1: unique password initialisation',
  },
  'QCVN135-G2': {
    vi: 'QCVN 135 nhóm 2: quản lý lỗ hổng bảo mật',
    en: 'QCVN 135 group 2: vulnerability management',
  },
  'QCVN135-G3': { vi: 'QCVN 135 nhóm 3: quản lý cập nhật', en: 'QCVN 135 group 3: update management' },
  'QCVN135-G5': {
    vi: 'QCVN 135 nhóm 5: quản lý kênh giao tiếp an toàn',
    en: 'QCVN 135 group 5: secure communication channels',
  },
  'QCVN135-G6': {
    vi: 'QCVN 135 nhóm 6: phòng chống tấn công qua các giao diện',
    en: 'QCVN 135 group 6: protection against attacks through interfaces',
  },
  'QCVN135-G7': {
    vi: 'QCVN 135 nhóm 7: bảo vệ dữ liệu người sử dụng',
    en: 'QCVN 135 group 7: protection of user data',
  },
} as const satisfies Record<string, Text>;

export type CriterionId = keyof typeof CRITERIA;

/** The criteria each kind of finding breaks (REGULATIONS.md §5.3). */
export const BREAKS = {
  defaultPassword: ['QD724-PASSWORD', 'QCVN135-G1'],
  unactivated: ['QD724-PASSWORD', 'QCVN135-G1'],
  noAuth: ['QD724-AUTH', 'QCVN135-G7'],
  plaintext: ['QD724-CHANNEL', 'QCVN135-G5'],
  exposedInterface: ['QD724-CONFIG-ACCESS', 'QCVN135-G6'],
  vulnerable: ['QD724-VULN', 'QD724-UPDATE', 'QCVN135-G2', 'QCVN135-G3'],
  cloud: ['QD724-DATA-VN'],
  bruteforce: ['QD724-BRUTEFORCE'],
} as const satisfies Record<string, CriterionId[]>;

export const REMEDY = {
  defaultPassword: {
    vi: 'Đổi ngay mật khẩu mặc định thành mật khẩu mạnh, riêng cho từng thiết bị (ít nhất 8 ký tự, có chữ hoa, chữ thường, số và ký tự đặc biệt); kiểm tra cả tài khoản phụ (888888, 666666, default).',
    en: 'Change the default password now to a strong one unique to the device (8+ characters with upper, lower, digit and symbol); check secondary accounts too (888888, 666666, default).',
  },
  unactivated: {
    vi: 'Kích hoạt thiết bị bằng công cụ của hãng và đặt mật khẩu mạnh trước khi đưa vào sử dụng.',
    en: 'Activate the device with the vendor tool and set a strong password before use.',
  },
  noAuth: {
    vi: 'Bật xác thực cho dịch vụ này (RTSP/ONVIF/HTTP) trong cấu hình thiết bị; chỉ cho phép tài khoản có mật khẩu.',
    en: 'Turn on authentication for this service (RTSP/ONVIF/HTTP) in the device settings; allow only accounts with a password.',
  },
  plaintext: {
    vi: 'Bật HTTPS, tắt HTTP (hoặc chuyển hướng sang HTTPS); chỉ truy cập camera qua mạng nội bộ hoặc VPN.',
    en: 'Enable HTTPS and disable HTTP (or redirect to HTTPS); reach cameras only from the internal network or a VPN.',
  },
  exposedInterface: {
    vi: 'Tắt dịch vụ này nếu không dùng (telnet, cổng gỡ lỗi, cổng SDK, FTP, UPnP); nếu cần, chặn bằng tường lửa chỉ cho máy quản trị.',
    en: 'Disable this service if unused (telnet, debug port, SDK port, FTP, UPnP); otherwise firewall it to the management hosts only.',
  },
  vulnerable: {
    vi: 'Cập nhật firmware bản vá mới nhất từ trang chính thức của hãng; nếu thiết bị đã hết hỗ trợ, thay thế thiết bị.',
    en: "Install the latest fixed firmware from the vendor's official site; replace the device if it is end of life.",
  },
  cloud: {
    vi: 'Tắt dịch vụ đám mây/P2P của hãng nếu dữ liệu không được lưu tại Việt Nam; dùng đầu ghi hoặc máy chủ trong nước.',
    en: 'Disable the vendor cloud/P2P service unless data stays in Vietnam; record to a local NVR or a Vietnam-hosted server.',
  },
} as const satisfies Record<string, Text>;
