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
  // vulns: online feed sync (off by default)
  FEED_SYNC_DISABLED: {
    status: 409,
    vi: 'Đồng bộ trực tuyến nguồn cảnh báo đang tắt; quản trị viên bật nó trong cài đặt',
    en: 'Online feed sync is off; an administrator turns it on in the settings',
  },
  FEED_SYNC_SETTINGS_INVALID: {
    status: 400,
    vi: 'Cài đặt đồng bộ nguồn cảnh báo không hợp lệ: {problems}; chưa lưu gì',
    en: 'Invalid feed sync settings: {problems}; nothing was saved',
  },
  FEED_SYNC_HOST_NOT_CONFIGURED: {
    status: 400,
    vi: 'Từ chối kết nối tới {host}: đây không phải địa chỉ nguồn hay proxy đã cấu hình',
    en: 'Refused to connect to {host}: it is not a configured source or proxy address',
  },
  FEED_SYNC_ADDRESS_REFUSED: {
    status: 400,
    vi: 'Từ chối kết nối tới {host}: địa chỉ {address} không được phép ({reason})',
    en: 'Refused to connect to {host}: the address {address} is not allowed ({reason})',
  },
  FEED_SYNC_HTTP_STATUS: {
    status: 502,
    vi: 'Máy chủ nguồn trả về HTTP {status} cho {url}; không có gì được ghi',
    en: 'The source answered HTTP {status} for {url}; nothing was written',
  },
  FEED_SYNC_TOO_LARGE: {
    status: 502,
    vi: 'Dữ liệu từ {url} vượt giới hạn {maxBytes} byte; không có gì được ghi',
    en: 'The answer from {url} is over the limit of {maxBytes} bytes; nothing was written',
  },
  FEED_SYNC_TRUNCATED: {
    status: 502,
    vi: 'Dữ liệu từ {url} bị cắt ngang (nhận {received} trên {expected} byte); không có gì được ghi',
    en: 'The answer from {url} was cut short ({received} of {expected} bytes); nothing was written',
  },
  FEED_SYNC_CLOSED_EARLY: {
    status: 502,
    vi: 'Máy chủ {url} đóng kết nối trước khi gửi hết câu trả lời; không có gì được ghi',
    en: '{url} closed the connection before the whole answer arrived; nothing was written',
  },
  FEED_SYNC_NETWORK: {
    status: 502,
    vi: 'Không tải được {url}: {reason}; không có gì được ghi',
    en: 'Cannot fetch {url}: {reason}; nothing was written',
  },
  FEED_SYNC_TIMEOUT: {
    status: 504,
    vi: 'Quá thời gian chờ {url} ({seconds} giây); không có gì được ghi',
    en: 'Timed out fetching {url} ({seconds} s); nothing was written',
  },
  FEED_SYNC_BAD_ANSWER: {
    status: 502,
    vi: 'Câu trả lời của {url} không đúng dạng mong đợi ({where}): {reason}; không có gì được ghi',
    en: 'The answer from {url} is not what was expected ({where}): {reason}; nothing was written',
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
  FILE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp', en: 'File not found' },
  FILE_EMPTY: { status: 400, vi: 'Tệp {file} rỗng', en: 'File {file} is empty' },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp {file} quá lớn (tối đa {maxMb} MB)',
    en: 'File {file} is too large (at most {maxMb} MB)',
  },
  FILE_TYPE_MISMATCH: {
    status: 400,
    vi: 'Tệp {file} mang đuôi {claimed} nhưng nội dung là {kind}; không lưu',
    en: 'File {file} is named as {claimed} but its content is {kind}; not stored',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 400,
    vi: 'Không nhận loại tệp {kind} ({file}); chỉ nhận: {allowed}',
    en: 'File type {kind} is not accepted ({file}); accepted: {allowed}',
  },
  // notify + watch (alerts and 24/7 duty)
  CHANNEL_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy kênh thông báo',
    en: 'Notification channel not found',
  },
  CHANNEL_SETTINGS_INVALID: {
    status: 400,
    vi: 'Cấu hình kênh thông báo không hợp lệ: {problems}',
    en: 'Invalid notification channel settings: {problems}',
  },
  EMAIL_CHANNEL_MISSING: {
    status: 409,
    vi: 'Đơn vị này và các đơn vị cấp trên chưa có kênh thư điện tử (SMTP) nào đang bật',
    en: 'Neither this unit nor any unit above it has an enabled e-mail (SMTP) channel',
  },
  EMAIL_RECIPIENT_REQUIRED: {
    status: 400,
    vi: 'Cần địa chỉ thư điện tử người nhận để thử kênh',
    en: 'A recipient e-mail address is needed to test the channel',
  },
  DELIVERY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lượt gửi thông báo', en: 'Delivery not found' },
  WATCH_ALERT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cảnh báo giám sát',
    en: 'Monitoring alert not found',
  },
  ALERT_TRANSITION_INVALID: {
    status: 409,
    vi: 'Không thể chuyển cảnh báo từ trạng thái "{from}" sang "{to}"',
    en: 'An alert cannot go from "{from}" to "{to}"',
  },
  ALERT_CLOSE_REASON_REQUIRED: {
    status: 400,
    vi: 'Cần nêu lý do khi đóng cảnh báo',
    en: 'A reason is required to close an alert',
  },
  ROSTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lịch trực', en: 'Duty roster not found' },
  POLICY_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy chính sách leo thang',
    en: 'Escalation policy not found',
  },
  WATCH_USER_INVALID: {
    status: 400,
    vi: 'Người dùng {userId} không tồn tại, đã bị khóa hoặc ngoài phạm vi đơn vị',
    en: 'User {userId} does not exist, is disabled or is outside the unit',
  },
  WATCH_CHANNEL_INVALID: {
    status: 400,
    vi: 'Kênh {channelId} không thuộc đơn vị này hoặc các đơn vị cấp trên',
    en: 'Channel {channelId} belongs neither to this unit nor to a unit above it',
  },
  ACK_LINK_INVALID: {
    status: 410,
    vi: 'Liên kết xác nhận không hợp lệ, đã dùng hoặc đã hết hạn',
    en: 'The acknowledge link is invalid, used or expired',
  },
  // directives
  DIRECTIVE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy văn bản chỉ đạo', en: 'Directive not found' },
  DIRECTIVE_NUMBER_TAKEN: {
    status: 409,
    vi: 'Văn bản số {number} của {issuer} đã được vào sổ',
    en: 'Document {number} from {issuer} is already registered',
  },
  DIRECTIVE_TASK_NOT_FOUND: { status: 404, vi: 'Không tìm thấy nhiệm vụ', en: 'Task not found' },
  DIRECTIVE_TASK_ANSWERED: {
    status: 409,
    vi: 'Nhiệm vụ {position} đã được giao hoặc có báo cáo; không thể xóa',
    en: 'Task {position} is assigned or answered; it cannot be removed',
  },
  DIRECTIVE_NO_TASKS: {
    status: 400,
    vi: 'Văn bản chưa có nhiệm vụ nào',
    en: 'The directive has no tasks yet',
  },
  DIRECTIVE_NOT_BELOW: {
    status: 400,
    vi: 'Đơn vị {unit} không trực thuộc đơn vị nhận văn bản; chỉ giao được cho đơn vị cấp dưới',
    en: 'Unit {unit} is not below the receiving unit; tasks go only to units below it',
  },
  DIRECTIVE_SETTINGS_MISSING: {
    status: 400,
    vi: 'Đơn vị {unit} chưa khai báo {fields} trong thiết lập văn bản',
    en: 'Unit {unit} has no {fields} in its document settings',
  },
  DIRECTIVE_DEADLINE_INVALID: {
    status: 400,
    vi: 'Hạn {deadline} phải sau ngày ban hành {issuedOn}',
    en: 'Deadline {deadline} must fall after the date of issue {issuedOn}',
  },
  ASSIGNMENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy nhiệm vụ được giao',
    en: 'Assigned task not found',
  },
  DIRECTIVE_DOCUMENT_INVALID: {
    status: 400,
    vi: 'Không tạo được văn bản: {problems}',
    en: 'The document cannot be generated: {problems}',
  },
  EVIDENCE_REF_INVALID: {
    status: 400,
    vi: 'Liên kết minh chứng {kind} không hợp lệ: {ref}',
    en: 'Invalid {kind} evidence link: {ref}',
  },
  INTERNAL: {
    status: 500,
    vi: 'Lỗi hệ thống; mã yêu cầu {requestId}',
    en: 'Internal error; request id {requestId}',
  },
  // incidents
  INCIDENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy sự cố', en: 'Incident not found' },
  INCIDENT_TRANSITION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể chuyển sự cố từ "{from}" sang "{to}"; được phép: {allowed}',
    en: 'An incident cannot go from "{from}" to "{to}"; allowed: {allowed}',
  },
  INCIDENT_LESSONS_REQUIRED: {
    status: 400,
    vi: 'Hãy ghi bài học kinh nghiệm trước khi đóng sự cố (giai đoạn tổng kết, đánh giá)',
    en: 'Write the lessons learned before closing the incident (review phase)',
  },
  INCIDENT_REASON_REQUIRED: {
    status: 400,
    vi: 'Hãy ghi lý do khi đóng sự cố do báo động nhầm hoặc mở lại sự cố',
    en: 'Give a reason when closing a false alarm or reopening an incident',
  },
  INCIDENT_INDICATOR_INVALID: {
    status: 400,
    vi: 'Giá trị "{value}" không phải là {type} hợp lệ',
    en: '"{value}" is not a valid {type}',
  },
  INCIDENT_INDICATOR_EXISTS: {
    status: 409,
    vi: 'Chỉ dấu {type} "{value}" đã có trong sự cố này',
    en: 'Indicator {type} "{value}" is already in this incident',
  },
  INCIDENT_HOST_UNKNOWN: {
    status: 400,
    vi: 'Máy {hostId} không thuộc phạm vi của bạn hoặc không tồn tại',
    en: 'Host {hostId} does not exist or is outside your scope',
  },
  INCIDENT_EVIDENCE_MISSING: {
    status: 400,
    vi: 'Hãy gửi một tệp chứng cứ (multipart, trường "file")',
    en: 'Send one evidence file (multipart, field "file")',
  },
  INCIDENT_REPORT_NOT_APPLICABLE: {
    status: 409,
    vi: 'Biểu mẫu "{form}" chưa áp dụng cho sự cố này',
    en: 'Form "{form}" does not apply to this incident yet',
  },
  INCIDENT_REPORT_FIELDS_MISSING: {
    status: 400,
    vi: 'Báo cáo còn thiếu: {fields}',
    en: 'The report is missing: {fields}',
  },
  INCIDENT_REPORT_NOT_GENERATED: {
    status: 409,
    vi: 'Hãy tạo tệp DOCX của báo cáo trước khi gửi',
    en: 'Generate the report DOCX before sending it',
  },
  INCIDENT_REPORT_NO_RECIPIENTS: {
    status: 400,
    vi: 'Chưa chọn người nhận có địa chỉ thư điện tử',
    en: 'No recipient with an e-mail address was chosen',
  },
  INCIDENT_CONTACT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đầu mối liên hệ', en: 'Contact not found' },
  // cameras (register: systems, levels, inventory, criteria, scan scopes)
  CAMERA_SYSTEM_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy hệ thống camera',
    en: 'Camera system not found',
  },
  CAMERA_SYSTEM_NAME_TAKEN: {
    status: 409,
    vi: 'Đơn vị đã có hệ thống camera tên "{name}"',
    en: 'The unit already has a camera system named "{name}"',
  },
  ASSESSMENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy hồ sơ xác định cấp độ',
    en: 'Level assessment not found',
  },
  ASSESSMENT_STEP_INVALID: {
    status: 409,
    vi: 'Hồ sơ đang ở trạng thái "{status}"; không thể {step}',
    en: 'The assessment is "{status}"; it cannot be {step}',
  },
  ASSESSMENT_OVERRIDE_ADMIN: {
    status: 403,
    vi: 'Chỉ quản trị viên được đề xuất cấp độ khác với gợi ý',
    en: 'Only an administrator may propose a level other than the suggestion',
  },
  ASSESSMENT_SAME_PERSON: {
    status: 409,
    vi: 'Người thẩm định, phê duyệt phải khác người lập hồ sơ đề xuất',
    en: 'The appraiser or approver must not be the person who proposed',
  },
  CAMERA_NOT_FOUND: { status: 404, vi: 'Không tìm thấy camera', en: 'Camera not found' },
  CAMERA_IDENTITY_TAKEN: {
    status: 409,
    vi: 'Đơn vị đã có camera mang {field} "{value}"',
    en: 'The unit already has a camera with {field} "{value}"',
  },
  CAMERA_CSV_INVALID: {
    status: 400,
    vi: 'Tệp CSV camera không hợp lệ; không có dòng nào được ghi. {problems}',
    en: 'Invalid camera CSV; no row was written. {problems}',
  },
  CAMERA_UNIT_REQUIRED: {
    status: 400,
    vi: 'Hãy chọn đơn vị của camera',
    en: 'Choose the unit the cameras belong to',
  },
  CRITERIA_SET_TAKEN: {
    status: 409,
    vi: 'Đã có bộ tiêu chí {code} phiên bản {version}',
    en: 'Criteria set {code} version {version} already exists',
  },
  CRITERIA_SET_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bộ tiêu chí', en: 'Criteria set not found' },
  CRITERION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tiêu chí {key}', en: 'Criterion {key} not found' },
  CRITERION_KEY_TAKEN: {
    status: 409,
    vi: 'Bộ tiêu chí đã có tiêu chí {key}',
    en: 'The set already has criterion {key}',
  },
  CRITERION_SCOPE_MISMATCH: {
    status: 400,
    vi: 'Tiêu chí {key} không áp dụng cho {target}',
    en: 'Criterion {key} does not apply to a {target}',
  },
  EVIDENCE_FILE_FOREIGN: {
    status: 400,
    vi: 'Tệp minh chứng thuộc đơn vị khác',
    en: 'The evidence file belongs to another unit',
  },
  SCAN_SCOPE_INVALID: {
    status: 400,
    vi: 'Phạm vi quét không hợp lệ: "{entry}": {reason}',
    en: 'Invalid scan scope: "{entry}": {reason}',
  },
  SCAN_SCOPE_MISSING: {
    status: 409,
    vi: 'Đơn vị chưa được quản trị viên đăng ký phạm vi quét camera',
    en: 'No camera scan scope is registered for this unit',
  },
  SCAN_NOT_ALLOWED: {
    status: 403,
    vi: 'Bạn không có trong danh sách được phép quét phạm vi của đơn vị này',
    en: "You are not among those allowed to scan this unit's scope",
  },
  DOSSIER_SETTINGS_MISSING: {
    status: 400,
    vi: 'Đơn vị chưa khai báo thông tin văn bản: {fields}',
    en: 'The unit lacks document settings: {fields}',
  },
  // Monitoring: log ingest
  LOG_SOURCE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy nguồn nhật ký', en: 'Log source not found' },
  EVENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy sự kiện nhật ký (có thể đã hết hạn lưu giữ)',
    en: 'Log event not found (it may have passed its retention)',
  },
  LOG_SOURCE_CIDR_INVALID: {
    status: 400,
    vi: 'Địa chỉ hoặc dải mạng "{cidr}" không hợp lệ (ví dụ 10.1.2.0/24)',
    en: 'Address or network "{cidr}" is invalid (e.g. 10.1.2.0/24)',
  },
  LOG_SOURCE_CIDR_REQUIRED: {
    status: 400,
    vi: 'Nguồn syslog cần địa chỉ hoặc dải mạng của thiết bị gửi',
    en: 'A syslog source needs the sender address or network',
  },
  LOG_SOURCE_CIDR_TAKEN: {
    status: 409,
    vi: 'Dải mạng {cidr} đã được đăng ký cho một nguồn khác',
    en: 'Network {cidr} is already registered to another source',
  },
  INGEST_TOKEN_INVALID: {
    status: 401,
    vi: 'Mã nguồn nhật ký (ingest token) không đúng hoặc nguồn đã tắt',
    en: 'Wrong ingest token, or the source is disabled',
  },
  INGEST_BATCH_TOO_LARGE: {
    status: 413,
    vi: 'Lô sự kiện quá lớn: tối đa {max} dòng mỗi lần gửi',
    en: 'Batch too large: at most {max} lines per request',
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
  // cameras: audit runs (issue 4)
  CAMERA_AUDIT_RUN_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy lượt kiểm tra camera',
    en: 'Camera audit run not found',
  },
  // cameras: unit-supplied audit credentials (issue 4)
  CAMERA_CREDENTIAL_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy thông tin đăng nhập camera',
    en: 'Camera credential not found',
  },
  CAMERA_CREDENTIAL_WRONG_UNIT: {
    status: 400,
    vi: 'Camera này không thuộc đơn vị đã chọn; không có gì được lưu',
    en: 'This camera does not belong to the chosen unit; nothing was saved',
  },
  // Monitoring: Sigma rules store (detection in the server)
  SIGMA_RULE_FILE_MISSING: {
    status: 400,
    vi: 'Cần ít nhất một tệp luật Sigma (YAML) trong trường "files"',
    en: 'At least one Sigma rule file (YAML) is needed in the "files" field',
  },
  SIGMA_RULE_REJECTED: {
    status: 400,
    vi: 'Luật Sigma trong tệp {file} bị từ chối ({reason}): {detail}; không luật nào được nhập',
    en: 'The Sigma rule in {file} was refused ({reason}): {detail}; nothing was imported',
  },
  SIGMA_RULE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy luật Sigma', en: 'Sigma rule not found' },
  // Monitoring: rules management (issue 5)
  SIGMA_RULE_INVALID: {
    status: 400,
    vi: 'Luật Sigma không hợp lệ ({reasonVi}): {detail}; chưa lưu gì',
    en: 'The Sigma rule is invalid ({reasonEn}): {detail}; nothing was saved',
  },
  SIGMA_RULE_EXISTS: {
    status: 409,
    vi: 'Đã có luật Sigma với id {ruleId}; hãy sửa luật đó',
    en: 'A Sigma rule with id {ruleId} exists already; edit that one',
  },
  SIGMA_RULE_ID_CHANGED: {
    status: 400,
    vi: 'Khi sửa, id của luật phải giữ nguyên ({ruleId})',
    en: 'Editing a rule keeps its id ({ruleId})',
  },
  SIGMA_SELECTION_EMPTY: {
    status: 400,
    vi: 'Hãy chọn luật: theo mức độ, thẻ, kỹ thuật ATT&CK, danh sách, hoặc tất cả',
    en: 'Choose the rules: by level, tag, ATT&CK technique, list, or all',
  },
  SIGMA_FILTER_INVALID: {
    status: 400,
    vi: 'Bộ lọc Sigma không hợp lệ ({reasonVi}): {detail}; chưa lưu gì',
    en: 'The Sigma filter is invalid ({reasonEn}): {detail}; nothing was saved',
  },
  SIGMA_FILTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bộ lọc Sigma', en: 'Sigma filter not found' },
  SIGMA_ARCHIVE_INVALID: {
    status: 400,
    vi: 'Không đọc được tệp nén {file}: {detail}; không luật nào được nhập',
    en: 'The archive {file} cannot be read: {detail}; nothing was imported',
  },
  SIGMA_BACKTEST_RANGE: {
    status: 400,
    vi: 'Khoảng thời gian thử luật không hợp lệ: "từ" phải trước "đến", tối đa {days} ngày',
    en: 'Invalid backtest range: "from" must be before "to", at most {days} days',
  },
  // incidents (owner)
  INCIDENT_OWNER_INVALID: {
    status: 400,
    vi: 'Người phụ trách sự cố phải là người dùng đang hoạt động (quản trị, cán bộ đơn vị hoặc trực) của đơn vị có sự cố, đơn vị bị ảnh hưởng hoặc đơn vị gốc',
    en: 'The case owner must be an enabled user (admin, unit officer or on duty) of the case unit, an affected unit or the root unit',
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
