import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DocumentKind, OfficialDocument } from './contract';
import { exampleIncidentReport } from './example';
import { formatDocumentNumber, formatPlaceDate, renderDocx } from './render-docx';

const NOW = new Date('2026-03-10T09:00:00+07:00');
const twips = (millimetres: number) => (millimetres * 1440) / 25.4;

function buildDocument(overrides: Partial<OfficialDocument> = {}): OfficialDocument {
  return {
    kind: 'bao_cao',
    issuer: { parentName: 'UBND TỈNH NINH BÌNH', name: 'ỦY BAN NHÂN DÂN XÃ KIM SƠN' },
    number: 5,
    symbol: 'BC-UBND',
    place: 'Kim Sơn',
    date: '2026-01-05',
    subject: 'Kết quả rà soát an toàn thông tin quý I năm 2026',
    recipients: ['Sở Khoa học và Công nghệ tỉnh Ninh Bình'],
    body: [
      { type: 'heading', level: 1, text: 'I. KẾT QUẢ' },
      { type: 'paragraph', text: 'Đã rà soát 12 máy trạm và 2 máy chủ.' },
    ],
    distribution: ['Như trên', 'Chủ tịch UBND xã'],
    archive: { drafter: 'VP' },
    signature: { authority: 'KT.', authorityOf: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn An' },
    ...overrides,
  };
}

interface RenderedParagraph {
  text: string;
  xml: string;
}

interface Rendered {
  document: string;
  paragraphs: RenderedParagraph[];
  headers: Record<string, string>;
}

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function render(doc: OfficialDocument, now: Date = NOW): Promise<Rendered> {
  const zip = await JSZip.loadAsync(await renderDocx(doc, { now }));
  const read = async (path: string) => {
    const file = zip.file(path);
    if (file === null) throw new Error(`${path} is missing from the package`);
    return file.async('string');
  };
  const document = await read('word/document.xml');
  const relationships = await read('word/_rels/document.xml.rels');
  const headers: Record<string, string> = {};
  for (const [, type, id] of document.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)) {
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(relationships)?.[1];
    if (type !== undefined && target !== undefined) headers[type] = await read(`word/${target}`);
  }
  const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    xml,
    text: decode([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('')),
  }));
  return { document, paragraphs, headers };
}

function paragraph(rendered: Rendered, text: string): RenderedParagraph {
  const found = rendered.paragraphs.find((candidate) => candidate.text === text);
  if (found === undefined) throw new Error(`No paragraph reads "${text}"`);
  return found;
}

function attribute(xml: string, element: string, name: string): number {
  const value = new RegExp(`<w:${element} [^>]*w:${name}="(-?\\d+)"`).exec(xml)?.[1];
  if (value === undefined) throw new Error(`<w:${element}> has no w:${name}`);
  return Number(value);
}

const TYPE_LINES: Record<Exclude<DocumentKind, 'cong_van' | 'quyet_dinh'>, string> = {
  bao_cao: 'BÁO CÁO',
  to_trinh: 'TỜ TRÌNH',
  ke_hoach: 'KẾ HOẠCH',
  ho_so: 'HỒ SƠ',
};

describe('renderDocx page and header', () => {
  it('uses A4 portrait with margins inside the decree ranges', async () => {
    const { document } = await render(buildDocument());
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const margin = (side: string) => attribute(document, 'pgMar', side);
    for (const [side, low, high] of [
      ['top', 20, 25],
      ['bottom', 20, 25],
      ['left', 30, 35],
      ['right', 15, 20],
    ] as const) {
      expect(margin(side)).toBeGreaterThanOrEqual(Math.floor(twips(low)));
      expect(margin(side)).toBeLessThanOrEqual(Math.ceil(twips(high)));
    }
  });

  it('sets every run in Times New Roman', async () => {
    const { document } = await render(buildDocument());
    const runs = [...document.matchAll(/<w:r>[\s\S]*?<\/w:r>/g)].map(([xml]) => xml);
    expect(runs.length).toBeGreaterThan(10);
    for (const runXml of runs) expect(runXml).toContain('w:ascii="Times New Roman"');
  });

  it('prints the Quốc hiệu and Tiêu ngữ in bold', async () => {
    const rendered = await render(buildDocument());
    expect(paragraph(rendered, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').xml).toContain('<w:b/>');
    expect(paragraph(rendered, 'Độc lập - Tự do - Hạnh phúc').xml).toContain('<w:b/>');
  });

  it('prints the issuer parent upright and the issuer in bold', async () => {
    const rendered = await render(buildDocument());
    expect(paragraph(rendered, 'UBND TỈNH NINH BÌNH').xml).not.toContain('<w:b/>');
    expect(paragraph(rendered, 'ỦY BAN NHÂN DÂN XÃ KIM SƠN').xml).toContain('<w:b/>');
  });

  it('prints the number with a leading zero and the place and date in italics', async () => {
    const rendered = await render(buildDocument());
    paragraph(rendered, 'Số: 05/BC-UBND');
    expect(paragraph(rendered, 'Kim Sơn, ngày 05 tháng 01 năm 2026').xml).toContain('<w:i/>');
  });

  it('leaves the number and the day and month blank until signing, with the year of now', async () => {
    const rendered = await render(
      buildDocument({ number: undefined, date: undefined }),
      new Date('2027-06-01'),
    );
    paragraph(rendered, 'Số:      /BC-UBND');
    paragraph(rendered, 'Kim Sơn, ngày      tháng      năm 2027');
  });

  it('hides the page number on page 1 and shows a PAGE field on the others', async () => {
    const { document, headers } = await render(buildDocument());
    expect(document).toContain('<w:titlePg/>');
    expect(headers.default).toContain('PAGE');
    expect(headers.default).toContain('<w:jc w:val="center"/>');
    expect(headers.first).toBeDefined();
    expect(headers.first).not.toContain('PAGE');
  });

  it('marks urgency in bold red with a box', async () => {
    const rendered = await render(buildDocument({ urgency: 'thuong_khan' }));
    const mark = paragraph(rendered, ' THƯỢNG KHẨN ').xml;
    expect(mark).toContain('<w:b/>');
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(mark).toMatch(/<w:bdr [^>]*w:val="single"/);
  });
});

describe('renderDocx type line and subject', () => {
  it.each(Object.entries(TYPE_LINES))('prints %s with its type line and no V/v', async (kind, typeLine) => {
    const doc = buildDocument({ kind: kind as DocumentKind });
    const rendered = await render(doc);
    expect(paragraph(rendered, typeLine).xml).toContain('<w:b/>');
    const subject = paragraph(rendered, doc.subject).xml;
    expect(subject).toContain('<w:b/>');
    expect(subject).toContain('<w:jc w:val="center"/>');
    expect(rendered.paragraphs.some((candidate) => candidate.text.startsWith('V/v'))).toBe(false);
  });

  it('prints a công văn with V/v under the number and no type line', async () => {
    const doc = buildDocument({
      kind: 'cong_van',
      symbol: 'UBND-VP',
      number: 12,
      subject: 'tăng cường bảo mật camera',
    });
    const rendered = await render(doc);
    const texts = rendered.paragraphs.map((candidate) => candidate.text);
    const numberAt = texts.indexOf('Số: 12/UBND-VP');
    expect(texts[numberAt + 1]).toBe('V/v tăng cường bảo mật camera');
    for (const typeLine of [...Object.values(TYPE_LINES), 'CÔNG VĂN', 'QUYẾT ĐỊNH'])
      expect(texts).not.toContain(typeLine);
  });

  it('prints a quyết định with the deciding authority and "QUYẾT ĐỊNH:" before the articles', async () => {
    const doc = buildDocument({
      kind: 'quyet_dinh',
      symbol: 'QĐ-UBND',
      subject: 'Về việc thành lập Tổ ứng cứu sự cố an toàn thông tin mạng',
      decidingAuthority: 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ KIM SƠN',
      recipients: [],
      legalBases: [
        'Căn cứ Luật An toàn thông tin mạng ngày 19 tháng 11 năm 2015',
        'Theo đề nghị của Văn phòng',
      ],
      body: [{ type: 'paragraph', text: 'Điều 1. Thành lập Tổ ứng cứu sự cố.' }],
    });
    const texts = (await render(doc)).paragraphs.map((candidate) => candidate.text);
    const order = [
      'QUYẾT ĐỊNH',
      doc.decidingAuthority,
      'Theo đề nghị của Văn phòng.',
      'QUYẾT ĐỊNH:',
      'Điều 1. Thành lập Tổ ứng cứu sự cố.',
    ];
    const positions = order.map((text) => texts.indexOf(text ?? ''));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe('renderDocx Kính gửi', () => {
  it('puts one recipient on the Kính gửi line', async () => {
    const rendered = await render(buildDocument());
    paragraph(rendered, 'Kính gửi: Sở Khoa học và Công nghệ tỉnh Ninh Bình');
    expect(rendered.paragraphs.some((candidate) => candidate.text === 'Kính gửi:')).toBe(false);
  });

  it('lists several recipients under the colon, ending the last with a full stop', async () => {
    const rendered = await render(
      buildDocument({
        recipients: ['Cục A05, Bộ Công an', 'Ủy ban nhân dân tỉnh Ninh Bình;', 'Sở Khoa học và Công nghệ'],
      }),
    );
    const label = paragraph(rendered, 'Kính gửi:');
    const lines = [
      '- Cục A05, Bộ Công an;',
      '- Ủy ban nhân dân tỉnh Ninh Bình;',
      '- Sở Khoa học và Công nghệ.',
    ];
    const texts = rendered.paragraphs.map((candidate) => candidate.text);
    expect(texts.slice(texts.indexOf('Kính gửi:') + 1, texts.indexOf('Kính gửi:') + 4)).toEqual(lines);
    const labelIndent = label.xml.includes('<w:ind') ? attribute(label.xml, 'ind', 'left') : 0;
    for (const text of lines)
      expect(attribute(paragraph(rendered, text).xml, 'ind', 'left')).toBeGreaterThan(labelIndent);
  });
});

describe('renderDocx body', () => {
  it('justifies paragraphs with a 1 cm first-line indent and at least 6 pt after', async () => {
    const { xml } = paragraph(await render(buildDocument()), 'Đã rà soát 12 máy trạm và 2 máy chủ.');
    expect(xml).toContain('<w:jc w:val="both"/>');
    expect(attribute(xml, 'ind', 'firstLine')).toBe(Math.round(twips(10)));
    expect(attribute(xml, 'spacing', 'after')).toBeGreaterThanOrEqual(120);
  });

  it('prints legal bases in italics, each ending with ";" and the last with "."', async () => {
    const rendered = await render(
      buildDocument({ legalBases: ['Căn cứ Luật An ninh mạng;', 'Căn cứ Nghị định số 85/2016/NĐ-CP'] }),
    );
    expect(paragraph(rendered, 'Căn cứ Luật An ninh mạng;').xml).toContain('<w:i/>');
    expect(paragraph(rendered, 'Căn cứ Nghị định số 85/2016/NĐ-CP.').xml).toContain('<w:i/>');
  });

  it('prints headings in bold, list items with dashes and tables with a header row', async () => {
    const rendered = await render(
      buildDocument({
        body: [
          { type: 'heading', level: 2, text: '1. Máy chủ' },
          { type: 'list', items: ['Máy chủ web', 'Máy chủ thư'] },
          { type: 'table', header: ['Thiết bị', 'Số lượng'], rows: [['Camera', '8']] },
        ],
      }),
    );
    expect(paragraph(rendered, '1. Máy chủ').xml).toContain('<w:b/>');
    paragraph(rendered, '- Máy chủ web');
    paragraph(rendered, '- Máy chủ thư');
    expect(rendered.document).toContain('<w:tblHeader/>');
    expect(paragraph(rendered, 'Thiết bị').xml).toContain('<w:b/>');
    paragraph(rendered, 'Camera');
  });
});

describe('renderDocx footer', () => {
  it('prints Nơi nhận in 12 pt bold italics with 11 pt lines ending in the Lưu line', async () => {
    const rendered = await render(buildDocument());
    const label = paragraph(rendered, 'Nơi nhận:').xml;
    expect(label).toContain('<w:b/>');
    expect(label).toContain('<w:i/>');
    expect(label).toContain('<w:sz w:val="24"/>');
    const texts = rendered.paragraphs.map((candidate) => candidate.text);
    const start = texts.indexOf('Nơi nhận:');
    expect(texts.slice(start + 1, start + 4)).toEqual([
      '- Như trên;',
      '- Chủ tịch UBND xã;',
      '- Lưu: VT, VP.',
    ]);
    expect(paragraph(rendered, '- Lưu: VT, VP.').xml).toContain('<w:sz w:val="22"/>');
  });

  it('prints the authority line, title and signer name in bold, the name last', async () => {
    const rendered = await render(buildDocument({ signature: { ...exampleIncidentReport().signature } }));
    const texts = rendered.paragraphs.map((candidate) => candidate.text);
    const start = texts.indexOf('TM. ỦY BAN NHÂN DÂN');
    expect(texts.slice(start, start + 4)).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn An',
    ]);
    for (const text of texts.slice(start, start + 4))
      expect(paragraph(rendered, text).xml).toContain('<w:b/>');
    expect(attribute(paragraph(rendered, 'Nguyễn Văn An').xml, 'spacing', 'before')).toBeGreaterThan(1000);
  });

  it('puts Nơi nhận and the signature block side by side in a borderless table', async () => {
    const { document } = await render(buildDocument());
    const footer = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
      .map(([xml]) => xml)
      .find((xml) => xml.includes('Nơi nhận:'));
    expect(footer).toBeDefined();
    expect(footer).toContain('Nguyễn Văn An');
    expect(footer).toMatch(/<w:tblBorders><w:top w:val="none"/);
  });
});

describe('formatDocumentNumber', () => {
  it('pads numbers below 10 with a zero', () => {
    expect(formatDocumentNumber(5, 'BC-UBND')).toBe('Số: 05/BC-UBND');
    expect(formatDocumentNumber(12, 'UBND-VX')).toBe('Số: 12/UBND-VX');
    expect(formatDocumentNumber(125, 'TTr-UBND')).toBe('Số: 125/TTr-UBND');
  });

  it('leaves a blank for a document numbered at signing', () => {
    expect(formatDocumentNumber(undefined, 'BC-UBND')).toBe('Số:      /BC-UBND');
  });
});

describe('formatPlaceDate', () => {
  const vietnamDay = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

  it('pads days below 10 and the months 1 and 2', () => {
    expect(formatPlaceDate('Hà Nội', vietnamDay('2026-01-05'), NOW)).toBe(
      'Hà Nội, ngày 05 tháng 01 năm 2026',
    );
    expect(formatPlaceDate('Hà Nội', vietnamDay('2026-02-09'), NOW)).toBe(
      'Hà Nội, ngày 09 tháng 02 năm 2026',
    );
  });

  it('leaves months from 3 on and two-digit days as they are', () => {
    expect(formatPlaceDate('Kim Sơn', vietnamDay('2026-03-15'), NOW)).toBe(
      'Kim Sơn, ngày 15 tháng 3 năm 2026',
    );
    expect(formatPlaceDate('Kim Sơn', vietnamDay('2025-11-25'), NOW)).toBe(
      'Kim Sơn, ngày 25 tháng 11 năm 2025',
    );
  });

  it('reads the calendar day in Vietnam time', () => {
    // 18:00 UTC on 31 December is already 1 January in Vietnam.
    expect(formatPlaceDate('Hà Nội', new Date('2025-12-31T18:00:00Z'), NOW)).toBe(
      'Hà Nội, ngày 01 tháng 01 năm 2026',
    );
  });

  it('leaves the day and month blank without a date', () => {
    expect(formatPlaceDate('Hà Nội', undefined, new Date('2026-07-01T12:00:00+07:00'))).toBe(
      'Hà Nội, ngày      tháng      năm 2026',
    );
  });
});

describe('renderDocx with malformed input', () => {
  let outputDir: string | undefined;
  afterEach(async () => {
    if (outputDir !== undefined) await rm(outputDir, { recursive: true, force: true });
    outputDir = undefined;
  });

  const { subject: _subject, ...withoutSubject } = buildDocument();
  const malformed: [string, unknown][] = [
    ['a missing subject', withoutSubject],
    ['an unknown kind', { ...buildDocument(), kind: 'thong_bao' }],
    ['a date that is not YYYY-MM-DD', { ...buildDocument(), date: '05/01/2026' }],
    ['a date that does not exist', { ...buildDocument(), date: '2026-02-30' }],
    [
      'a công văn without recipients',
      { ...buildDocument({ kind: 'cong_van', symbol: 'UBND-VP' }), recipients: [] },
    ],
    [
      'a table row of the wrong width',
      { ...buildDocument(), body: [{ type: 'table', header: ['A', 'B'], rows: [['1']] }] },
    ],
    ['an unknown field', { ...buildDocument(), language: 'en' }],
  ];

  it.each(malformed)('rejects %s with a ZodError and writes nothing', async (_label, input) => {
    outputDir = await mkdtemp(join(tmpdir(), 'canh-gac-docx-'));
    const target = join(outputDir, 'out.docx');
    const attempt = renderDocx(input as OfficialDocument).then((buffer) => writeFile(target, buffer));
    await expect(attempt).rejects.toBeInstanceOf(ZodError);
    expect(await readdir(outputDir)).toEqual([]);
  });
});

function findOnPath(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const name of names) {
    for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

const office = findOnPath(['soffice', 'libreoffice']);

describe('PDF conversion', () => {
  it.skipIf(office === undefined)(
    office === undefined
      ? 'converts the example report to PDF (skipped: neither soffice nor libreoffice is on PATH)'
      : 'converts the example report to a PDF of one or more pages',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'canh-gac-pdf-'));
      try {
        const docxPath = join(dir, 'example.docx');
        await writeFile(docxPath, await renderDocx(exampleIncidentReport(), { now: NOW }));
        const result = spawnSync(
          office ?? 'soffice',
          [
            `-env:UserInstallation=file://${join(dir, 'profile')}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            docxPath,
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        expect(result.status, result.stderr).toBe(0);
        const pdf = await readFile(join(dir, 'example.pdf'), 'latin1');
        expect(pdf.startsWith('%PDF-')).toBe(true);
        expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
