import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { type ReadDocx, readDocx, runStyle } from '../../test/docx';
import { renderDocx } from '../documents/render-docx';
import { readStoredFile } from '../files/service';
import { hosts } from '../inventory/schema';
import { createAlert } from '../vulns/alerts';
import { findings } from '../vulns/schema';
import { answerTask, listUnitTasks } from './answers';
import { dispatchDocument } from './documents';
import { generateReport } from './generate';
import { assignTasks, createDirective, getDirective } from './service';
import { splitTasks } from './split-tasks';
import { buildDirectiveTree, DISPATCH_REQUEST, REPORT_REQUEST } from './test-fixtures';

const DISPATCH = join(__dirname, '../../../shared/docs/DISPATCH-2023.md');
const DIRECTIVE = {
  number: '285/STTTT-CNBCVT',
  issuer: 'Sở Thông tin và Truyền thông',
  issuedOn: '2023-03-21',
  subject:
    'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft và hướng dẫn bảo đảm an toàn hệ thống thông tin đối với các hệ thống thông tin có sử dụng camera giám sát',
};
const UNIT = {
  issuer: { name: 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN' },
  place: 'Kim Sơn',
  shortName: 'UBND huyện',
};

function find(doc: ReadDocx, test: (text: string) => boolean) {
  const found = doc.paragraphs.find((p) => test(p.text));
  if (!found) throw new Error('paragraph not found');
  return found;
}
const exact = (doc: ReadDocx, text: string) => find(doc, (t) => t === text);

function dispatchTasks() {
  const markdown = existsSync(DISPATCH) ? readFileSync(DISPATCH, 'utf8') : '';
  const body = markdown ? markdown.slice(markdown.indexOf('```text') + 7, markdown.lastIndexOf('```')) : '';
  const proposed = splitTasks(body).tasks;
  const tasks =
    proposed.length > 0 ? proposed : [{ text: 'Rà soát.' }, { text: 'Liên hệ:\n- VNCERT/CC.\n- NCSC.' }];
  return tasks.map((task, index) => ({ position: index + 1, text: task.text, deadline: null }));
}

describe('the forwarding dispatch (layout of the March 2023 dispatch, Decree 30/2020 §6)', () => {
  let doc: ReadDocx;
  beforeAll(async () => {
    const tasks = dispatchTasks();
    const model = dispatchDocument(DIRECTIVE, tasks, UNIT, {
      ...DISPATCH_REQUEST,
      subject: DIRECTIVE.subject,
      recipients: [
        'Các cơ quan, ban, ngành của huyện',
        'UBND các xã, thị trấn',
        'Các doanh nghiệp cung cấp dịch vụ viễn thông, Internet',
      ],
      distribution: ['Như trên', 'Lãnh đạo UBND huyện', 'Bộ phận Quản trị mạng HĐND&UBND huyện'],
      date: '2023-03-24',
    });
    doc = await readDocx(await renderDocx(model));
  });

  it('puts the issuer left and the motto right in the header, bold, 12/13 pt', () => {
    const [header] = doc.tables;
    const [issuerCell, mottoCell] = header![0]!;
    expect(issuerCell!.text).toBe('ỦY BAN NHÂN DÂN HUYỆN KIM SƠN\n');
    expect(
      mottoCell!.text.startsWith('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'),
    ).toBe(true);
    expect(runStyle(exact(doc, 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN').xml)).toMatchObject({
      size: 24,
      bold: true,
      font: 'Times New Roman',
    });
    expect(runStyle(exact(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').xml)).toMatchObject({
      size: 24,
      bold: true,
    });
    expect(runStyle(exact(doc, 'Độc lập - Tự do - Hạnh phúc').xml)).toMatchObject({ size: 26, bold: true });
  });

  it('has the number and V/v on the left, place and date in italics on the right, on one row', () => {
    const [, row] = doc.tables[0]!;
    expect(row![0]!.text).toBe(`Số:      /UBND-VP\nV/v ${DIRECTIVE.subject}`);
    expect(row![1]!.text).toBe('Kim Sơn, ngày 24 tháng 3 năm 2023');
    expect(runStyle(exact(doc, 'Kim Sơn, ngày 24 tháng 3 năm 2023').xml)).toMatchObject({
      size: 26,
      italics: true,
    });
    expect(runStyle(exact(doc, `V/v ${DIRECTIVE.subject}`).xml).size).toBe(24);
  });

  it('lists the recipients under "Kính gửi:", one per line, the last ending with "."', () => {
    const at = doc.paragraphs.findIndex((p) => p.text === 'Kính gửi:');
    expect(doc.paragraphs.slice(at + 1, at + 4).map((p) => p.text)).toEqual([
      '- Các cơ quan, ban, ngành của huyện;',
      '- UBND các xã, thị trấn;',
      '- Các doanh nghiệp cung cấp dịch vụ viễn thông, Internet.',
    ]);
  });

  it('cites the higher document, then numbers the tasks, justified 14 pt with a first-line indent, ending "./."', () => {
    const intro = find(doc, (t) =>
      t.startsWith(
        'Thực hiện Văn bản số 285/STTTT-CNBCVT ngày 21/3/2023 của Sở Thông tin và Truyền thông về việc cảnh báo',
      ),
    );
    expect(intro.xml).toContain('<w:jc w:val="both"/>');
    expect(intro.xml).toMatch(/<w:ind w:firstLine="567"\/>/);
    expect(runStyle(intro.xml).size).toBe(28);
    const numbered = doc.paragraphs.filter((p) => /^\d+\. /.test(p.text)).map((p) => p.text.split('.')[0]);
    expect(numbered).toEqual(dispatchTasks().map((t) => String(t.position)));
    const body = doc.paragraphs.filter((p) => p.xml.includes('w:firstLine="567"'));
    expect(body[body.length - 1]!.text.endsWith('./.')).toBe(true);
  });

  it('puts "Nơi nhận" left (bold italic 12 pt, lines 11 pt) and the TM./KT. signature right', () => {
    const footer = doc.tables[doc.tables.length - 1]!;
    const [received, signer] = footer[0]!;
    expect(received!.text.split('\n')).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Lãnh đạo UBND huyện;',
      '- Bộ phận Quản trị mạng HĐND&UBND huyện;',
      '- Lưu: VT, VHTT.',
    ]);
    expect(runStyle(exact(doc, 'Nơi nhận:').xml)).toMatchObject({ size: 24, bold: true, italics: true });
    expect(runStyle(exact(doc, '- Như trên;').xml).size).toBe(22);
    expect(signer!.text.split('\n')).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Cao Sơn',
    ]);
    expect(runStyle(exact(doc, 'KT. CHỦ TỊCH').xml)).toMatchObject({ size: 28, bold: true });
  });

  it('prints on A4 with the decree margins', () => {
    expect(doc.document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(doc.document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  });
});

describe('the consolidated report, from live data', () => {
  let t: TestApp;
  let doc: ReadDocx;
  beforeAll(async () => {
    t = await createTestApp();
    const { district, communeA, communeB } = await buildDirectiveTree(t.sys, t.root.id, 'rep');
    const alert = await createAlert(t.sys, {
      issuer: 'NCSC',
      number: '383/CATTT-NCSC',
      issuedOn: '2023-03-17',
      title: 'Lỗ hổng Microsoft Outlook',
      cves: ['CVE-2023-23397'],
    });
    const now = new Date();
    const hostRows = await t.db
      .insert(hosts)
      .values([
        { unitId: communeA.id, hostname: 'KC-PC1', source: 'manual', lastInventoryAt: now },
        { unitId: communeA.id, hostname: 'KC-PC2', source: 'manual', lastInventoryAt: now },
      ])
      .returning();
    const finding = {
      unitId: communeA.id,
      cve: 'CVE-2023-23397',
      productName: 'Microsoft Outlook 2016',
      severity: 'critical',
      rule: 'test',
      confidence: 'high',
      match: 'vulnerable',
      dueAt: now,
      firstSeenAt: now,
      lastSeenAt: now,
    } as const;
    await t.db.insert(findings).values([
      { ...finding, hostId: hostRows[0]!.id, status: 'open' },
      { ...finding, hostId: hostRows[1]!.id, status: 'fixed' },
    ]);
    const directive = await createDirective(t.sys, {
      unitId: district.id,
      ...DIRECTIVE,
      tasks: [
        {
          text: 'Rà soát lỗ hổng theo Văn bản 383/CATTT-NCSC',
          evidenceKind: 'vulns_alert',
          evidenceRef: alert.id,
        },
        { text: 'Trực giám sát 24/7', evidenceKind: 'watch_roster' },
      ],
    });
    const taskIds = (await getDirective(t.sys, directive.id)).tasks.map((task) => task.id);
    await assignTasks(t.sys, directive.id, {
      taskIds,
      unitIds: [communeA.id, communeB.id],
      deadline: '2023-04-01',
    });
    const { items } = await listUnitTasks(t.sys, { unitId: communeA.id });
    await answerTask(t.sys, items[0]!.id, {
      status: 'done',
      text: 'Đã cập nhật bản vá cho máy KC-PC2',
      files: [],
    });
    const bTasks = await listUnitTasks(t.sys, { unitId: communeB.id });
    await answerTask(t.sys, bTasks.items[1]!.id, {
      status: 'cannot_do',
      reason: 'Chưa bố trí được người trực đêm',
      files: [],
    });
    const file = await generateReport(t.sys, directive.id, REPORT_REQUEST);
    doc = await readDocx((await readStoredFile(t.sys, file.id)).content);
  });
  afterAll(() => t.close());

  it('has the báo cáo title block and the higher body as the single recipient', () => {
    expect(runStyle(exact(doc, 'BÁO CÁO').xml)).toMatchObject({ size: 28, bold: true });
    exact(doc, 'Kết quả thực hiện Văn bản số 285/STTTT-CNBCVT của Sở Thông tin và Truyền thông');
    exact(doc, 'Kính gửi: Sở Thông tin và Truyền thông');
    expect(doc.tables[0]![1]![0]!.text).toBe('Số: 45/BC-UBND');
  });

  it('reports per task what was done, by whom, the live figures, and what is late and why', () => {
    exact(
      doc,
      'Số đơn vị được giao: 2; đã hoàn thành: 1; đang thực hiện: 0; chưa thực hiện: 1; không thực hiện được: 0.',
    );
    exact(doc, 'Các đơn vị đã hoàn thành: UBND xã Kim Chính.');
    exact(
      doc,
      'Số liệu: Cảnh báo lỗ hổng quốc gia: 2 máy được quản lý, 1 máy còn lỗ hổng, 1 máy đã khắc phục, 0 máy chưa xác định, 0 máy chưa kiểm kê.',
    );
    exact(doc, '- UBND xã Kim Chính: Đã cập nhật bản vá cho máy KC-PC2');
    const late = doc.paragraphs.filter((p) => p.text.startsWith('- UBND xã Lai Thành: nhiệm vụ'));
    expect(late.map((p) => p.text)).toEqual([
      '- UBND xã Lai Thành: nhiệm vụ 1, hạn 1/4/2023, chưa thực hiện; lý do: chưa báo cáo',
      '- UBND xã Lai Thành: nhiệm vụ 2, hạn 1/4/2023, không thực hiện được; lý do: Chưa bố trí được người trực đêm',
    ]);
    // The summary table: one row per task.
    const summary = doc.tables[1]!;
    expect(summary.map((row) => row.map((cell) => cell.text))).toEqual([
      ['Nhiệm vụ', 'Số đơn vị được giao', 'Đã hoàn thành', 'Quá hạn'],
      ['1', '2', '1', '1'],
      ['2', '2', '0', '2'],
    ]);
    expect(runStyle(exact(doc, 'I. KẾT QUẢ THỰC HIỆN').xml)).toMatchObject({ bold: true, size: 28 });
    expect(
      doc.paragraphs
        .filter((p) => p.xml.includes('w:firstLine="567"'))
        .at(-1)!
        .text.endsWith('./.'),
    ).toBe(true);
  });
});
