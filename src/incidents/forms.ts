import type { BodyBlock, OfficialDocument, Signature } from '../documents/contract';
import { SigningAuthority } from '../documents/contract';
import type { Evidence, Incident, Indicator, TimelineEntry } from './contract';
import { type FieldDef, FORM_SECTIONS } from './form-fields';
import type { IncidentCategory, IncidentSeverity, ReportForm } from './model';

export type UnitSettings = {
  name: string;
  issuerParentName: string | null;
  issuerName: string | null;
  placeName: string | null;
  signerAuthority: string | null;
  signerTitle: string | null;
};

export type CaseFacts = {
  incident: Incident;
  timeline: readonly TimelineEntry[];
  indicators: readonly Indicator[];
  evidence: readonly Evidence[];
  unit: UnitSettings;
  /** The case owner, who answers for it (no phone is stored on a user: the person types it). */
  contact?: { name: string; email: string | null } | null;
};

export const CATEGORY_NAMES: Record<IncidentCategory, string> = {
  malware: 'Mã độc',
  ransomware: 'Mã độc mã hóa tống tiền (ransomware)',
  defacement: 'Thay đổi giao diện trái phép (deface)',
  intrusion: 'Xâm nhập trái phép',
  phishing: 'Lừa đảo (phishing)',
  ddos: 'Tấn công từ chối dịch vụ (DDoS)',
  data_leak: 'Lộ, lọt dữ liệu',
  account_compromise: 'Chiếm đoạt tài khoản',
  vulnerability_exploit: 'Khai thác lỗ hổng',
  other: 'Khác',
};

export const SEVERITY_NAMES: Record<IncidentSeverity, string> = {
  low: 'Thấp',
  medium: 'Trung bình',
  high: 'Cao',
  critical: 'Rất cao',
};

const VIETNAM_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "08 giờ 30 phút ngày 05 tháng 01 năm 2026", in Vietnam time. */
export function vietnameseTime(instant: Date): string {
  const t = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return `${pad(t.getUTCHours())} giờ ${pad(t.getUTCMinutes())} phút ngày ${pad(t.getUTCDate())} tháng ${pad(
    t.getUTCMonth() + 1,
  )} năm ${t.getUTCFullYear()}`;
}

function systemsLine(facts: CaseFacts): string {
  const addresses = facts.indicators
    .filter((i) => i.type === 'ipv4' || i.type === 'ipv6')
    .map((i) => i.value);
  return [facts.incident.affectedSystems, ...addresses].filter(Boolean).join('; ');
}

/** A first draft of every field, from the case; the person then edits what the case cannot know. */
export function defaultFields(form: ReportForm, facts: CaseFacts): Record<string, string> {
  const { incident, unit } = facts;
  const measures = facts.timeline
    .filter((e) => e.kind === 'note' || e.kind === 'status')
    .map((e) => `${vietnameseTime(e.at)}: ${e.text}`)
    .join('\n');
  const issuer = unit.issuerName ?? unit.name;
  return {
    notifier: issuer,
    operator: unit.name,
    owner: issuer,
    system: systemsLine(facts),
    detectedAt: vietnameseTime(incident.detectedAt),
    description: incident.description,
    type: CATEGORY_NAMES[incident.category],
    symptoms: incident.description,
    severity: `${SEVERITY_NAMES[incident.severity]}${incident.serious ? ' (sự cố nghiêm trọng)' : ' (sự cố không nghiêm trọng)'}`,
    measures,
    lessons: incident.lessonsLearned ?? '',
    contactName: facts.contact?.name ?? '',
    contactEmail: facts.contact?.email ?? '',
    drafter: 'VP',
    ...(form === 'bao_cao_ket_thuc' ? { result: 'Hệ thống đã được khôi phục và kiểm tra lại toàn bộ.' } : {}),
  };
}

function signatureOf(unit: UnitSettings, name: string): Signature {
  const authority = unit.signerAuthority?.trim() ?? '';
  const mark = SigningAuthority.options.find((m) => authority.startsWith(`${m} `));
  if (mark) {
    return {
      authority: mark,
      authorityOf: authority.slice(mark.length).trim(),
      title: unit.signerTitle ?? undefined,
      name,
    };
  }
  return { title: unit.signerTitle ?? (authority || 'CHỦ TỊCH'), name };
}

/** One paragraph's worth of text: a DOCX run cannot carry line breaks or control characters. */
export function oneLine(value: string): string {
  return (
    value
      .replace(/\s*[\r\n]+\s*/g, '; ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\x00-\x1f\x7f]/g, ' ')
      .trim()
  );
}

const CELL_LIMIT = 1_500;

function sectionBlocks(fields: readonly FieldDef[], values: Record<string, string>): BodyBlock[] {
  // A form table: label in the first column, the value beside it; empty optional fields are left out, and a value
  // too long for a cell follows the table as its own labelled paragraph.
  const filled = fields.map((f) => ({ f, v: oneLine(values[f.key] ?? '') })).filter((x) => x.v);
  const rows = filled.filter((x) => x.v.length <= CELL_LIMIT).map((x) => [x.f.label, x.v]);
  const long = filled.filter((x) => x.v.length > CELL_LIMIT);
  const blocks: BodyBlock[] =
    rows.length > 0 ? [{ type: 'table', header: ['Nội dung', 'Thông tin'], rows }] : [];
  for (const x of long) blocks.push({ type: 'paragraph', text: `${x.f.label}: ${x.v.slice(0, 19_000)}` });
  return blocks;
}

function annexBlocks(form: ReportForm, facts: CaseFacts): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  if (facts.indicators.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: 'Chỉ dấu tấn công (IOC)' });
    blocks.push({
      type: 'table',
      header: ['Loại', 'Giá trị', 'Ghi chú'],
      rows: facts.indicators.map((i) => [i.type, i.value.slice(0, 2_000), oneLine(i.comment)]),
    });
  }
  if (form === 'bao_cao_ket_thuc' && facts.timeline.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: 'Diễn biến xử lý' });
    blocks.push({
      type: 'table',
      header: ['Thời gian', 'Diễn biến', 'Người thực hiện'],
      rows: facts.timeline.map((e) => [
        vietnameseTime(e.at),
        oneLine(e.text).slice(0, 2_000),
        e.actorName ?? '',
      ]),
    });
  }
  if (facts.evidence.length > 0 && form !== 'thong_bao') {
    blocks.push({ type: 'heading', level: 2, text: 'Chứng cứ lưu giữ' });
    blocks.push({
      type: 'list',
      items: facts.evidence.map((e) => `${e.file.name}, SHA-256 ${e.file.sha256}`),
    });
  }
  return blocks;
}

const SUBJECTS: Record<ReportForm, (system: string) => string> = {
  thong_bao: (s) => `thông báo sự cố an toàn thông tin mạng đối với ${s}`,
  bao_cao_ban_dau: (s) => `Ban đầu sự cố an toàn thông tin mạng đối với ${s}`,
  bao_cao_ket_thuc: (s) => `Kết thúc ứng phó sự cố an toàn thông tin mạng đối với ${s}`,
  de_nghi_ho_tro: (s) => `đề nghị hỗ trợ, phối hợp ứng cứu sự cố đối với ${s}`,
};

const INTROS: Record<ReportForm, string> = {
  thong_bao: 'thông báo về sự cố an toàn thông tin mạng như sau:',
  bao_cao_ban_dau: 'báo cáo ban đầu về sự cố an toàn thông tin mạng như sau:',
  bao_cao_ket_thuc: 'báo cáo kết thúc ứng phó sự cố an toàn thông tin mạng như sau:',
  de_nghi_ho_tro: 'đề nghị hỗ trợ, phối hợp ứng cứu sự cố an toàn thông tin mạng như sau:',
};

const LEGAL_BASES = {
  'nd85-2016': [
    'Căn cứ Quyết định số 05/2017/QĐ-TTg ngày 16 tháng 3 năm 2017 của Thủ tướng Chính phủ ban hành quy định về hệ thống phương án ứng cứu khẩn cấp bảo đảm an toàn thông tin mạng quốc gia',
    'Căn cứ Thông tư số 20/2017/TT-BTTTT ngày 12 tháng 9 năm 2017 của Bộ trưởng Bộ Thông tin và Truyền thông quy định về điều phối, ứng cứu sự cố an toàn thông tin mạng trên toàn quốc',
  ],
  'nd331-2026': ['Căn cứ Luật An ninh mạng số 116/2025/QH15 ngày 10 tháng 12 năm 2025'],
} as const;

/**
 * The official document of a form (Decree 30/2020 layout through src/documents): Thông báo and Đề nghị go as công văn
 * (TT 20 Art 9.1: notices by công văn), the two reports as báo cáo; each section is a labelled form table.
 */
export function buildReportDocument(
  form: ReportForm,
  fields: Record<string, string>,
  facts: CaseFacts,
  recipients: readonly string[],
  date: Date,
): OfficialDocument {
  const issuer = facts.unit.issuerName ?? facts.unit.name.toUpperCase();
  const isLetter = form === 'thong_bao' || form === 'de_nghi_ho_tro';
  const extra = (fields.extraRecipients ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const number = Number.parseInt(fields.documentNumber ?? '', 10);
  const body: BodyBlock[] = [
    { type: 'paragraph', text: `${facts.unit.issuerName ?? facts.unit.name} ${INTROS[form]}` },
  ];
  for (const section of FORM_SECTIONS[form]) {
    const blocks = sectionBlocks(section.fields, fields);
    if (blocks.length > 0) body.push({ type: 'heading', level: 1, text: section.heading }, ...blocks);
  }
  body.push(...annexBlocks(form, facts));
  return {
    kind: isLetter ? 'cong_van' : 'bao_cao',
    issuer: { parentName: facts.unit.issuerParentName ?? undefined, name: issuer },
    number: Number.isFinite(number) && number > 0 ? number : undefined,
    symbol: isLetter ? 'UBND-VP' : 'BC-UBND',
    place: facts.unit.placeName ?? facts.unit.name,
    date: new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10),
    subject: SUBJECTS[form](fields.system?.split(';')[0]?.trim() || 'hệ thống thông tin').slice(0, 500),
    urgency: form === 'thong_bao' || form === 'bao_cao_ban_dau' ? 'khan' : undefined,
    recipients: [...recipients, ...extra],
    legalBases: isLetter ? undefined : [...LEGAL_BASES[facts.incident.regime]],
    body,
    distribution: recipients.length + extra.length > 0 ? ['Như trên'] : [],
    archive: { drafter: fields.drafter?.trim() || 'VP' },
    signature: signatureOf(facts.unit, fields.signerName!.trim()),
  };
}
