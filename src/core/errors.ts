/**
 * The one error catalogue: a stable code, its HTTP status, and the message in Vietnamese and English.
 * Services throw `new AppError('UNIT_NOT_FOUND', { unitId })`; the HTTP handler and the CLI pick the
 * caller's language. `{name}` in a message is filled from the error's params.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  UNAUTHENTICATED: { status: 401, vi: 'Cần đăng nhập', en: 'Sign-in required' },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong username or password',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    vi: 'Đăng nhập sai quá nhiều lần; thử lại sau {retryAfterSeconds} giây',
    en: 'Too many failed sign-ins; try again in {retryAfterSeconds} seconds',
  },
  FORBIDDEN: {
    status: 403,
    vi: 'Vai trò của bạn không được phép làm việc này',
    en: 'Your role may not do this',
  },
  SCOPE_FORBIDDEN: {
    status: 403,
    vi: 'Đơn vị này nằm ngoài phạm vi của bạn',
    en: 'This unit is outside your scope',
  },
  CSRF_FAILED: {
    status: 403,
    vi: 'Yêu cầu thiếu mã chống giả mạo (CSRF); hãy tải lại trang',
    en: 'Missing or wrong anti-forgery (CSRF) token; reload the page',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    vi: 'Bạn phải đổi mật khẩu trước khi tiếp tục',
    en: 'You must change your password before going on',
  },
  WRONG_PASSWORD: { status: 400, vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  WEAK_PASSWORD: {
    status: 400,
    vi: 'Mật khẩu phải dài ít nhất {min} ký tự và khác tên đăng nhập',
    en: 'The password must be at least {min} characters and differ from the username',
  },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không có đường dẫn này', en: 'No such route' },
  UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị', en: 'Unit not found' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng', en: 'User not found' },
  TOKEN_NOT_FOUND: { status: 404, vi: 'Không tìm thấy mã truy cập API', en: 'API token not found' },
  JOB_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tác vụ', en: 'Job not found' },
  JOB_KIND_UNKNOWN: { status: 400, vi: 'Không có loại tác vụ "{kind}"', en: 'Unknown job kind "{kind}"' },
  JOB_PAYLOAD_INVALID: {
    status: 400,
    vi: 'Tham số của tác vụ "{kind}" không hợp lệ: {problems}',
    en: 'Invalid parameters for job "{kind}": {problems}',
  },
  JOB_SCHEDULE_INVALID: {
    status: 400,
    vi: 'Biểu thức lịch chạy "{cron}" không hợp lệ',
    en: 'Invalid schedule expression "{cron}"',
  },
  JOB_NOT_CANCELLABLE: {
    status: 409,
    vi: 'Tác vụ đã ở trạng thái "{status}"; không thể hủy',
    en: 'The job is already "{status}"; it cannot be cancelled',
  },
  UNIT_CODE_TAKEN: { status: 409, vi: 'Mã đơn vị "{code}" đã được dùng', en: 'Unit code "{code}" is taken' },
  USERNAME_TAKEN: {
    status: 409,
    vi: 'Tên đăng nhập "{username}" đã được dùng',
    en: 'Username "{username}" is taken',
  },
  UNIT_NOT_EMPTY: {
    status: 409,
    vi: 'Đơn vị còn đơn vị con, người dùng hoặc mã truy cập; không thể xóa',
    en: 'The unit still has sub-units, users or tokens; it cannot be deleted',
  },
  UNIT_CYCLE: {
    status: 400,
    vi: 'Không thể chuyển đơn vị vào dưới chính nó hoặc đơn vị con của nó',
    en: 'A unit cannot be moved under itself or one of its sub-units',
  },
  ROOT_UNIT_REQUIRED: {
    status: 400,
    vi: 'Chỉ được có một đơn vị gốc; hãy chọn đơn vị cấp trên',
    en: 'There is only one root unit; choose a parent unit',
  },
  LAST_ADMIN: {
    status: 409,
    vi: 'Không thể vô hiệu hóa hoặc hạ quyền quản trị viên cuối cùng',
    en: 'The last administrator cannot be disabled or demoted',
  },
  ROLE_ABOVE_OWN: {
    status: 403,
    vi: 'Không thể cấp vai trò cao hơn vai trò của chính bạn',
    en: 'You cannot grant a role above your own',
  },
  DATA_DIR_LOCKED: {
    status: 409,
    vi: 'Thư mục dữ liệu {dataDir} đang được máy chủ (PID {pid}) sử dụng',
    en: 'The data folder {dataDir} is held by a running server (PID {pid})',
  },
  SECRET_UNREADABLE: {
    status: 500,
    vi: 'Không giải mã được dữ liệu bí mật: khóa không khớp',
    en: 'A stored secret cannot be decrypted: wrong key',
  },
  HOST_NOT_FOUND: { status: 404, vi: 'Không tìm thấy máy', en: 'Host not found' },
  HOSTNAME_TAKEN: {
    status: 409,
    vi: 'Đơn vị đã có máy tên "{hostname}"',
    en: 'The unit already has a host named "{hostname}"',
  },
  HOST_MACHINE_ID_TAKEN: {
    status: 409,
    vi: 'Đơn vị đã có máy mang mã máy "{machineId}"',
    en: 'The unit already has a host with machine id "{machineId}"',
  },
  INVENTORY_INVALID: {
    status: 400,
    vi: 'Dữ liệu kiểm kê không hợp lệ: {problems}',
    en: 'Invalid inventory: {problems}',
  },
  INVENTORY_CSV_INVALID: {
    status: 400,
    vi: 'Tệp CSV không hợp lệ ở dòng {line}: {reason}',
    en: 'Invalid CSV at line {line}: {reason}',
  },
  INVENTORY_UNIT_REQUIRED: {
    status: 400,
    vi: 'Hãy chọn đơn vị nhận dữ liệu kiểm kê',
    en: 'Choose the unit the inventory belongs to',
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn', en: 'Request body too large' },
  FEED_PARSE_FAILED: {
    status: 400,
    vi: 'Không đọc được tệp {file} ({where}): {reason}. Không có gì được ghi.',
    en: 'Cannot read {file} ({where}): {reason}. Nothing was written.',
  },
  CVE_NOT_FOUND: { status: 404, vi: 'Chưa có dữ liệu về {cve}', en: 'No data about {cve}' },
  FEED_FILE_MISSING: {
    status: 400,
    vi: 'Hãy gửi ít nhất một tệp nguồn cảnh báo (multipart, trường "files")',
    en: 'Send at least one advisory file (multipart, field "files")',
  },
  FINDING_NOT_FOUND: { status: 404, vi: 'Không tìm thấy phát hiện lỗ hổng', en: 'Finding not found' },
  FINDING_REASON_REQUIRED: {
    status: 400,
    vi: 'Chấp nhận rủi ro cần lý do và ngày hết hạn; báo sai cần lý do',
    en: 'Accepting a risk needs a reason and an end date; a false positive needs a reason',
  },
  ALERT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cảnh báo', en: 'Alert not found' },
  ALERT_NUMBER_TAKEN: {
    status: 409,
    vi: 'Đã có cảnh báo số {number} của {issuer}',
    en: 'Alert {number} of {issuer} is already recorded',
  },
  INTERNAL: {
    status: 500,
    vi: 'Lỗi hệ thống; mã yêu cầu {requestId}',
    en: 'Internal error; request id {requestId}',
  },
  // Camera audit: network scope guard (src/core/net-scope.ts)
  NET_SCOPE_REFUSED: {
    status: 403,
    vi: 'Địa chỉ {address} nằm ngoài phạm vi quét đã đăng ký của đơn vị; không gửi gói tin nào ({reason})',
    en: "Address {address} is outside the unit's registered scan scope; nothing was sent ({reason})",
  },
  NET_SCOPE_INVALID: {
    status: 400,
    vi: 'Phạm vi quét không hợp lệ: "{entry}" không phải dải CIDR, địa chỉ IP hay tên máy phân giải được',
    en: 'Invalid scan scope: "{entry}" is not a CIDR range, an IP address or a resolvable host name',
  },
  NET_SCOPE_TOO_LARGE: {
    status: 400,
    vi: 'Phạm vi quét quá lớn (tối đa {max} địa chỉ); hãy chia nhỏ',
    en: 'Scan scope too large (at most {max} addresses); split it',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = 'vi' | 'en';

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
  ) {
    super(formatMessage(code, 'en', params));
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export function formatMessage(code: ErrorCode, lang: Lang, params: Record<string, unknown> = {}): string {
  return ERRORS[code][lang].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}
