import type { ReportForm } from './model';

export type FieldDef = { key: string; label: string; required?: boolean; multiline?: boolean };
export type Section = { heading: string; fields: readonly FieldDef[] };

/** Fields every form carries for its Decree 30/2020 frame: who signs, the number, the Kính gửi lines. */
export const FRAME_FIELDS: readonly FieldDef[] = [
  { key: 'signerName', label: 'Người ký (họ và tên)', required: true },
  { key: 'documentNumber', label: 'Số văn bản (để trống nếu cấp số khi ký)' },
  {
    key: 'extraRecipients',
    label: 'Kính gửi thêm (mỗi dòng một nơi, ví dụ cơ quan chủ quản)',
    multiline: true,
  },
  { key: 'drafter', label: 'Đơn vị soạn thảo (viết tắt, dòng "Lưu: VT, …")', required: true },
];

const place: FieldDef[] = [
  { key: 'operator', label: 'Đơn vị vận hành hệ thống (tên, địa chỉ)', required: true },
  { key: 'owner', label: 'Chủ quản hệ thống' },
  { key: 'system', label: 'Hệ thống bị sự cố (tên hoặc tên miền, địa chỉ IP)', required: true },
  { key: 'detectedAt', label: 'Thời điểm phát hiện', required: true },
];

/**
 * The fields of each form. Thông báo follows TT 20/2017 Art 9.3.a; Báo cáo ban đầu follows QĐ 05/2017 Art 11.4 a–h
 * (standing in for Biểu mẫu 03, whose field list was not read); Báo cáo kết thúc gathers what Art 11 phase 4 asks.
 */
export const FORM_SECTIONS: Record<ReportForm, readonly Section[]> = {
  thong_bao: [
    {
      heading: 'I. ĐƠN VỊ THÔNG BÁO',
      fields: [{ key: 'notifier', label: 'Tên, địa chỉ đơn vị thông báo', required: true }],
    },
    { heading: 'II. HỆ THỐNG BỊ SỰ CỐ', fields: place },
    {
      heading: 'III. MÔ TẢ VÀ XỬ LÝ',
      fields: [
        { key: 'description', label: 'Mô tả sự cố', required: true, multiline: true },
        { key: 'result', label: 'Kết quả xử lý ban đầu', multiline: true },
        { key: 'proposals', label: 'Đề xuất, kiến nghị', multiline: true },
        { key: 'other', label: 'Thông tin khác', multiline: true },
      ],
    },
  ],
  bao_cao_ban_dau: [
    { heading: 'I. THÔNG TIN CHUNG', fields: place },
    {
      heading: 'II. ĐẦU MỐI LIÊN HỆ',
      fields: [
        { key: 'contactName', label: 'Họ và tên', required: true },
        { key: 'contactTitle', label: 'Chức vụ' },
        { key: 'contactPhone', label: 'Điện thoại', required: true },
        { key: 'contactEmail', label: 'Thư điện tử' },
      ],
    },
    {
      heading: 'III. MÔ TẢ SỰ CỐ',
      fields: [
        { key: 'type', label: 'Loại sự cố', required: true },
        { key: 'symptoms', label: 'Dấu hiệu, hiện tượng', required: true, multiline: true },
        { key: 'severity', label: 'Mức độ ban đầu', required: true },
        { key: 'spread', label: 'Phạm vi lây lan', multiline: true },
        { key: 'impact', label: 'Ảnh hưởng đến hoạt động bình thường', multiline: true },
      ],
    },
    {
      heading: 'IV. NHÀ CUNG CẤP HẠ TẦNG',
      fields: [{ key: 'provider', label: 'Đơn vị cung cấp hạ tầng CNTT, viễn thông' }],
    },
    {
      heading: 'V. BIỆN PHÁP VÀ KẾT QUẢ',
      fields: [
        { key: 'measures', label: 'Biện pháp đã và sẽ thực hiện', required: true, multiline: true },
        { key: 'helpers', label: 'Tổ chức hỗ trợ và kết quả', multiline: true },
        { key: 'initialResult', label: 'Kết quả ứng cứu ban đầu', multiline: true },
        { key: 'recommendations', label: 'Đề xuất, kiến nghị', multiline: true },
      ],
    },
  ],
  bao_cao_ket_thuc: [
    { heading: 'I. THÔNG TIN CHUNG', fields: place },
    {
      heading: 'II. KẾT QUẢ ỨNG PHÓ',
      fields: [
        { key: 'description', label: 'Tóm tắt sự cố', required: true, multiline: true },
        { key: 'cause', label: 'Nguyên nhân', required: true, multiline: true },
        { key: 'measures', label: 'Biện pháp đã thực hiện', required: true, multiline: true },
        {
          key: 'result',
          label: 'Kết quả, tình trạng hệ thống sau khôi phục',
          required: true,
          multiline: true,
        },
        { key: 'damage', label: 'Thiệt hại (nếu có)', multiline: true },
      ],
    },
    {
      heading: 'III. BÀI HỌC KINH NGHIỆM VÀ KIẾN NGHỊ',
      fields: [
        { key: 'lessons', label: 'Bài học kinh nghiệm', required: true, multiline: true },
        { key: 'recommendations', label: 'Kiến nghị', multiline: true },
      ],
    },
  ],
  de_nghi_ho_tro: [
    { heading: 'I. HỆ THỐNG BỊ SỰ CỐ', fields: place },
    {
      heading: 'II. NỘI DUNG ĐỀ NGHỊ',
      fields: [
        { key: 'description', label: 'Tình hình sự cố', required: true, multiline: true },
        { key: 'request', label: 'Nội dung đề nghị hỗ trợ, phối hợp', required: true, multiline: true },
        { key: 'contactName', label: 'Đầu mối liên hệ (họ tên, điện thoại)', required: true },
      ],
    },
  ],
};

export function allFields(form: ReportForm): FieldDef[] {
  return [...FORM_SECTIONS[form].flatMap((s) => s.fields), ...FRAME_FIELDS];
}

/** The labels of required fields left empty: generation is refused while any remains. */
export function missingFields(form: ReportForm, fields: Record<string, string>): string[] {
  return allFields(form)
    .filter((f) => f.required && !fields[f.key]?.trim())
    .map((f) => f.label);
}
