import type { OfficialDocument } from './contract';

/**
 * A realistic "Báo cáo ban đầu sự cố" from a commune People's Committee to Cục A05, Bộ Công an. The body follows the
 * fields of QĐ 05/2017/QĐ-TTg Art 11.4 (a–h), which stand in for Biểu mẫu 03 of TT 20/2017 until that form is checked.
 * Names, addresses and numbers are invented.
 */
export function exampleIncidentReport(): OfficialDocument {
  return {
    kind: 'bao_cao',
    issuer: { parentName: 'UBND TỈNH NINH BÌNH', name: 'ỦY BAN NHÂN DÂN XÃ KIM SƠN' },
    number: 5,
    symbol: 'BC-UBND',
    place: 'Kim Sơn',
    date: '2026-01-05',
    subject: 'Ban đầu sự cố an toàn thông tin mạng đối với Cổng thông tin điện tử xã Kim Sơn',
    urgency: 'khan',
    recipients: [
      'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05), Bộ Công an',
      'Ủy ban nhân dân tỉnh Ninh Bình',
      'Sở Khoa học và Công nghệ tỉnh Ninh Bình',
    ],
    legalBases: [
      'Căn cứ Quyết định số 05/2017/QĐ-TTg ngày 16 tháng 3 năm 2017 của Thủ tướng Chính phủ ban hành quy định về hệ thống phương án ứng cứu khẩn cấp bảo đảm an toàn thông tin mạng quốc gia',
      'Căn cứ Thông tư số 20/2017/TT-BTTTT ngày 12 tháng 9 năm 2017 của Bộ trưởng Bộ Thông tin và Truyền thông quy định về điều phối, ứng cứu sự cố an toàn thông tin mạng trên toàn quốc',
    ],
    body: [
      {
        type: 'paragraph',
        text: 'Ủy ban nhân dân xã Kim Sơn báo cáo ban đầu về sự cố an toàn thông tin mạng xảy ra đối với Cổng thông tin điện tử của xã như sau:',
      },
      { type: 'heading', level: 1, text: 'I. THÔNG TIN CHUNG' },
      {
        type: 'list',
        items: [
          'Đơn vị vận hành hệ thống: Văn phòng HĐND và UBND xã Kim Sơn; địa chỉ: số 01 đường Trung tâm, xã Kim Sơn, tỉnh Ninh Bình.',
          'Chủ quản hệ thống: Ủy ban nhân dân xã Kim Sơn.',
          'Hệ thống bị sự cố: Cổng thông tin điện tử xã Kim Sơn (kimson.ninhbinh.gov.vn, địa chỉ IP 203.0.113.25), cấp độ 2.',
          'Thời điểm phát hiện: 08 giờ 30 phút ngày 05 tháng 01 năm 2026.',
        ],
      },
      { type: 'heading', level: 1, text: 'II. ĐẦU MỐI LIÊN HỆ' },
      {
        type: 'paragraph',
        text: 'Ông Trần Văn Bình, công chức Văn phòng - Thống kê; điện thoại: 0912 345 678; thư điện tử: tvbinh@kimson.ninhbinh.gov.vn.',
      },
      { type: 'heading', level: 1, text: 'III. MÔ TẢ SỰ CỐ' },
      {
        type: 'paragraph',
        text: 'Loại sự cố: thay đổi giao diện trái phép (deface). Trang chủ của Cổng bị thay bằng nội dung không rõ nguồn gốc; nhật ký máy chủ ghi nhận tệp tin lạ được tải lên qua chức năng quản lý tệp của hệ thống quản trị nội dung.',
      },
      {
        type: 'paragraph',
        text: 'Mức độ ban đầu: sự cố không nghiêm trọng; chưa ghi nhận lây lan sang hệ thống khác; Cổng ngừng cung cấp thông tin cho người dân trong thời gian xử lý.',
      },
      {
        type: 'table',
        header: ['Thời gian', 'Diễn biến'],
        rows: [
          ['08:30 05/01/2026', 'Người dân phản ánh trang chủ bị thay đổi'],
          ['08:45 05/01/2026', 'Ngắt kết nối Internet của máy chủ Cổng'],
          ['10:00 05/01/2026', 'Sao lưu nhật ký và ảnh đĩa máy chủ để phục vụ điều tra'],
        ],
      },
      { type: 'heading', level: 1, text: 'IV. NHÀ CUNG CẤP HẠ TẦNG' },
      {
        type: 'paragraph',
        text: 'Máy chủ đặt tại Trung tâm dữ liệu tỉnh Ninh Bình; đường truyền do VNPT Ninh Bình cung cấp.',
      },
      { type: 'heading', level: 1, text: 'V. BIỆN PHÁP ĐÃ VÀ SẼ THỰC HIỆN' },
      {
        type: 'list',
        items: [
          'Đã ngắt kết nối máy chủ, đổi toàn bộ mật khẩu quản trị, lưu giữ chứng cứ.',
          'Sẽ khôi phục Cổng từ bản sao lưu ngày 04 tháng 01 năm 2026 sau khi vá lỗ hổng.',
        ],
      },
      { type: 'heading', level: 1, text: 'VI. ĐỀ XUẤT, KIẾN NGHỊ' },
      {
        type: 'paragraph',
        text: 'Đề nghị Cục A05 hỗ trợ phân tích mã độc và hướng dẫn xử lý triệt để lỗ hổng của hệ thống quản trị nội dung.',
      },
    ],
    distribution: ['Như trên', 'Chủ tịch, các Phó Chủ tịch UBND xã'],
    archive: { drafter: 'VP' },
    signature: {
      authority: 'KT.',
      authorityOf: 'CHỦ TỊCH',
      onBehalfOf: 'ỦY BAN NHÂN DÂN',
      title: 'PHÓ CHỦ TỊCH',
      name: 'Nguyễn Văn An',
    },
  };
}
