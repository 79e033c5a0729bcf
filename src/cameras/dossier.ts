import type { BodyBlock, OfficialDocument, Signature } from '../documents/contract';
import type { StatusCounts } from './checklist-contract';
import type { Assessment, CameraSystem } from './contract';
import { ANSWER_LABELS, answerText, EXPOSURE_LABELS, STORAGE_LABELS } from './labels';
import { REGIME_RULES } from './levels/index';
import type { LevelAnswers } from './levels/types';

export type DossierUnit = {
  name: string;
  issuerParentName: string | null;
  issuerName: string;
  placeName: string;
  signerAuthority: string | null;
  signerTitle: string | null;
};

export type DossierInput = {
  unit: DossierUnit;
  system: CameraSystem;
  assessment: Assessment;
  models: { vendor: string | null; model: string | null; n: number; locations: string[] }[];
  networks: string[];
  compliance: { setCode: string; setVersion: string; setName: string; counts: StatusCounts }[];
  signerName?: string | undefined;
  symbol?: string | undefined;
  drafter?: string | undefined;
};

const MARKS = ['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;

/**
 * The unit's signing settings as a Decree 30 signature: "KT. CHỦ TỊCH" in signerAuthority gives the mark
 * and the authority line, signerTitle the signer's own title; a bare mark takes signerTitle as its line.
 */
export function signatureFrom(unit: DossierUnit, name: string): Signature {
  const raw = unit.signerAuthority?.trim() ?? '';
  const mark = MARKS.find((m) => raw.toUpperCase().startsWith(m));
  const title = unit.signerTitle?.trim() || undefined;
  if (!mark) return { title: title ?? 'THỦ TRƯỞNG ĐƠN VỊ', name };
  const rest = raw.slice(mark.length).trim();
  if (rest) return { authority: mark, authorityOf: rest.toUpperCase(), ...(title ? { title } : {}), name };
  return { authority: mark, authorityOf: title ?? unit.issuerName, name };
}

const or = (value: string | null | undefined, fallback = 'Chưa khai báo') => value?.trim() || fallback;

function overview(input: DossierInput): BodyBlock[] {
  const { system } = input;
  const deviceRows = input.models.map((m) => [
    [m.vendor, m.model].filter(Boolean).join(' ') || 'Chưa rõ hãng, model',
    String(m.n),
    m.locations.slice(0, 5).join('; ') || '-',
    'Ghi hình giám sát',
  ]);
  if (system.nvrCount > 0) {
    deviceRows.push([
      'Đầu ghi hình (NVR/DVR)',
      String(system.nvrCount),
      or(system.nvrDescription, '-'),
      'Lưu trữ, quản lý hình ảnh',
    ]);
  }
  return [
    { type: 'heading', level: 1, text: 'PHẦN I. MÔ TẢ, THUYẾT MINH TỔNG QUAN VỀ HỆ THỐNG THÔNG TIN' },
    { type: 'heading', level: 2, text: '1. Chủ quản và đơn vị vận hành' },
    {
      type: 'list',
      items: [
        `Chủ quản hệ thống thông tin: ${or(system.ownerName)}.`,
        `Đơn vị vận hành: ${or(system.operatorName)}; liên hệ: ${or(system.operatorContact)}.`,
      ],
    },
    { type: 'heading', level: 2, text: '2. Phạm vi, quy mô' },
    {
      type: 'list',
      items: [
        `Tên hệ thống: ${system.name}.`,
        `Mục đích sử dụng: ${or(system.purpose)}.`,
        `Khu vực giám sát: ${or(system.monitoredAreas)}.`,
        `Quy mô: ${system.cameraCount} camera (đã kiểm kê ${system.inventoryCameras}), ${system.nvrCount} đầu ghi hình.`,
        `Ghi hình người có thể nhận dạng: ${system.recordsIdentifiablePeople ? 'có (xử lý thông tin cá nhân)' : 'không'}.`,
      ],
    },
    { type: 'heading', level: 2, text: '3. Mô hình logic và vật lý' },
    {
      type: 'list',
      items: [
        `Nơi lưu trữ hình ảnh: ${STORAGE_LABELS[system.storageLocation]}${system.storageNote ? ` (${system.storageNote})` : ''}.`,
        `Thời gian lưu trữ: ${system.retentionDays === null ? 'chưa khai báo' : `${system.retentionDays} ngày`}.`,
        `Kết nối Internet: ${EXPOSURE_LABELS[system.internetExposure]}.`,
        `Mô tả mạng: ${or(system.networkDescription)}.`,
      ],
    },
    { type: 'heading', level: 2, text: '4. Thiết bị chính' },
    deviceRows.length > 0
      ? { type: 'table', header: ['Tên, loại thiết bị', 'Số lượng', 'Vị trí', 'Mục đích'], rows: deviceRows }
      : { type: 'paragraph', text: 'Chưa có thiết bị trong danh mục kiểm kê của hệ thống.' },
    { type: 'heading', level: 2, text: '5. Phân vùng mạng và quy hoạch địa chỉ IP' },
    {
      type: 'paragraph',
      text:
        input.networks.length > 0
          ? `Các dải địa chỉ của hệ thống: ${input.networks.join(', ')}.`
          : 'Chưa khai báo dải địa chỉ; bổ sung sơ đồ phân vùng mạng khi nộp hồ sơ.',
    },
  ];
}

function levelProposal(input: DossierInput): BodyBlock[] {
  const { assessment } = input;
  const rules = REGIME_RULES[assessment.regime];
  const answers = assessment.answers as unknown as LevelAnswers;
  const rows = assessment.suggestion.answers.map((a) => [
    ANSWER_LABELS[a.question as keyof LevelAnswers] ?? a.question,
    answerText(a.question as keyof LevelAnswers, answers[a.question as keyof LevelAnswers]),
    a.clauses.join('; ') || '-',
  ]);
  const deciding = assessment.suggestion.deciding;
  const blocks: BodyBlock[] = [
    { type: 'heading', level: 1, text: 'PHẦN III. THUYẾT MINH VỀ VIỆC ĐỀ XUẤT CẤP ĐỘ' },
    { type: 'paragraph', text: `Căn cứ pháp lý áp dụng: ${rules.name.vi}.` },
    { type: 'table', header: ['Nội dung xác định', 'Trả lời', 'Điều khoản áp dụng'], rows },
    {
      type: 'paragraph',
      text: `Cấp độ theo tiêu chí: cấp độ ${assessment.suggestedLevel}, căn cứ ${deciding.article.vi} ${rules.name.vi} (${deciding.text.vi}).`,
    },
    { type: 'paragraph', text: `Cấp độ đề xuất: cấp độ ${assessment.level}.` },
  ];
  if (assessment.overrideReason) {
    blocks.push({
      type: 'paragraph',
      text: `Lý do đề xuất khác cấp độ theo tiêu chí: ${assessment.overrideReason}`,
    });
  }
  if (!deciding.verified) {
    blocks.push({
      type: 'paragraph',
      text: 'Ghi chú: điều khoản trích dẫn cần được đối chiếu với văn bản chính thức trước khi trình ký.',
    });
  }
  return blocks;
}

function securityPlan(input: DossierInput): BodyBlock[] {
  const rows = input.compliance.map((s) => [
    `${s.setName} (${s.setCode} ${s.setVersion})`,
    String(s.counts.pass),
    String(s.counts.fail),
    String(s.counts.not_applicable),
    String(s.counts.unknown),
  ]);
  return [
    {
      type: 'heading',
      level: 1,
      text: 'PHẦN IV. THUYẾT MINH PHƯƠNG ÁN BẢO ĐẢM AN TOÀN THÔNG TIN THEO CẤP ĐỘ',
    },
    {
      type: 'list',
      items: [
        'Yêu cầu quản lý: chính sách; tổ chức; nguồn nhân lực; quản lý thiết kế, xây dựng; quản lý vận hành; quản lý rủi ro; kết thúc vận hành, thanh lý, hủy bỏ.',
        'Yêu cầu kỹ thuật: an toàn mạng; an toàn máy chủ (đầu ghi, máy chủ lưu trữ); an toàn ứng dụng; an toàn dữ liệu.',
      ],
    },
    {
      type: 'paragraph',
      text: 'Kết quả đối chiếu tiêu chí an toàn thông tin đối với camera giám sát của hệ thống:',
    },
    rows.length > 0
      ? { type: 'table', header: ['Bộ tiêu chí', 'Đạt', 'Không đạt', 'Không áp dụng', 'Chưa đánh giá'], rows }
      : { type: 'paragraph', text: 'Chưa đối chiếu tiêu chí nào.' },
  ];
}

/** The proposal dossier (NĐ 85 Art 15 / NĐ 331 Art 21; content per TT 12/2022 Art 8) as a Decree 30 document. */
export function buildDossier(input: DossierInput): OfficialDocument {
  const { assessment, unit } = input;
  const body: BodyBlock[] = [
    {
      type: 'paragraph',
      text: `${unit.name} lập hồ sơ đề xuất cấp độ an toàn hệ thống thông tin đối với hệ thống "${input.system.name}" gồm các nội dung sau:`,
    },
    ...overview(input),
    { type: 'heading', level: 1, text: 'PHẦN II. TÀI LIỆU THIẾT KẾ' },
    {
      type: 'paragraph',
      text: 'Kèm theo hồ sơ: thiết kế thi công đã được phê duyệt (hệ thống đang vận hành) hoặc thiết kế sơ bộ (hệ thống xây dựng mới, nâng cấp), hoặc tài liệu tương đương.',
    },
    ...levelProposal(input),
    ...securityPlan(input),
  ];
  if (assessment.path.needsExpertOpinion) {
    body.push(
      { type: 'heading', level: 1, text: 'PHẦN V. Ý KIẾN CHUYÊN MÔN CỦA ĐƠN VỊ CHUYÊN TRÁCH' },
      {
        type: 'paragraph',
        text: 'Kèm theo ý kiến chuyên môn bằng văn bản của đơn vị chuyên trách về an toàn thông tin của chủ quản.',
      },
    );
  }
  body.push({
    type: 'paragraph',
    text: `Thẩm định: ${assessment.path.appraisedBy}. Phê duyệt: ${assessment.path.approvedBy} (${assessment.path.articles}).`,
  });
  return {
    kind: 'ho_so',
    issuer: {
      ...(unit.issuerParentName ? { parentName: unit.issuerParentName } : {}),
      name: unit.issuerName,
    },
    symbol: input.symbol ?? 'HSĐX',
    place: unit.placeName,
    subject: `Đề xuất cấp độ an toàn hệ thống thông tin "${input.system.name}": cấp độ ${assessment.level}`,
    recipients: [],
    legalBases: REGIME_RULES[assessment.regime].legalBases,
    body,
    distribution: [
      input.system.ownerName
        ? `${input.system.ownerName} (để thẩm định, phê duyệt)`
        : 'Chủ quản hệ thống thông tin',
    ],
    archive: { drafter: input.drafter ?? 'VP' },
    signature: signatureFrom(unit, input.signerName ?? '………………………'),
  };
}
