import type { Ctx } from '../core/context';
import type { Unit } from '../units/contract';
import { createUnit } from '../units/service';
import type { DispatchRequest, ReportRequest } from './contract';

/** A district-like issuing unit with its document settings, and two units below it. Names are invented. */
export async function buildDirectiveTree(sys: Ctx, parentId: string, tag: string) {
  const district = await createUnit(sys, {
    parentId,
    code: `KS-${tag}`,
    name: 'UBND huyện Kim Sơn',
    kind: 'district',
    issuerName: 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN',
    placeName: 'Kim Sơn',
    signerAuthority: 'KT.',
    signerTitle: 'PHÓ CHỦ TỊCH',
  });
  const child = (code: string, name: string): Promise<Unit> =>
    createUnit(sys, { parentId: district.id, code: `${code}-${tag}`, name, kind: 'commune' });
  const communeA = await child('XA-A', 'UBND xã Kim Chính');
  const communeB = await child('XA-B', 'UBND xã Lai Thành');
  return { district, communeA, communeB };
}

export const DIRECTIVE_TEXT = [
  'Thực hiện Văn bản số 383/CATTT-NCSC ngày 17/3/2023, đề nghị:',
  '1. Chủ động rà soát các lỗ hổng an toàn thông tin mạng trong các sản phẩm Microsoft.',
  '2. Tổ chức lực lượng tại chỗ trực giám sát sự cố an toàn thông tin mạng 24/7.',
  '3. Xác định cấp độ đối với hệ thống thông tin có sử dụng camera giám sát.',
  '- Báo cáo kết quả về Sở;',
  '- Lưu hồ sơ.',
].join('\n');

export const SIGNATURE = {
  authority: 'KT.',
  authorityOf: 'CHỦ TỊCH',
  onBehalfOf: 'ỦY BAN NHÂN DÂN',
  title: 'PHÓ CHỦ TỊCH',
  name: 'Nguyễn Cao Sơn',
} as const;

export const DISPATCH_REQUEST: DispatchRequest = {
  symbol: 'UBND-VP',
  subject: 'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft',
  recipients: ['Các cơ quan, ban, ngành của huyện', 'UBND các xã, thị trấn'],
  distribution: ['Như trên', 'Lãnh đạo UBND huyện'],
  drafter: 'VHTT',
  signature: SIGNATURE,
};

export const REPORT_REQUEST: ReportRequest = {
  number: 45,
  symbol: 'BC-UBND',
  date: '2023-04-10',
  recipients: [],
  distribution: ['Như trên', 'Lưu hồ sơ nhiệm vụ'],
  drafter: 'VHTT',
  signature: SIGNATURE,
};

export function pdfUpload(name = 'cong-van-285.pdf') {
  return { name, contentBase64: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n').toString('base64') };
}

let sampleSeq = 0;

/**
 * A directive received by `unit` (given document settings if it has none), with one task assigned to a new
 * unit below it: the target of every directive route in the access matrix.
 */
export async function buildDirectiveFor(sys: Ctx, unit: Unit) {
  const { updateUnit } = await import('../units/service');
  const { createDirective, assignTasks, getDirective } = await import('./service');
  await updateUnit(sys, unit.id, { issuerName: `ỦY BAN NHÂN DÂN ${unit.code}`, placeName: 'Kim Sơn' });
  const below = await createUnit(sys, {
    parentId: unit.id,
    code: `DIR-${++sampleSeq}-${unit.code}`,
    name: `Xã ${sampleSeq}`,
    kind: 'commune',
  });
  const directive = await createDirective(sys, {
    unitId: unit.id,
    number: `${sampleSeq}/STTTT-CNBCVT`,
    issuer: 'Sở Thông tin và Truyền thông',
    issuedOn: '2023-03-21',
    subject: 'cảnh báo lỗ hổng',
    tasks: [{ text: 'Rà soát lỗ hổng' }],
  });
  const created = await getDirective(sys, directive.id);
  const { tasks } = await assignTasks(sys, directive.id, {
    taskIds: created.tasks.map((task) => task.id),
    unitIds: [below.id],
    deadline: '2023-04-01',
  });
  const task = tasks[0]!;
  return { directive, below, taskId: task.id, assignmentId: task.assignments[0]!.id };
}
