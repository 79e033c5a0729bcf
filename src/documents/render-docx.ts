import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { bodyBlocks, kinhGui, legalBases, line, paragraphOf, rule, ruleLength, withEnding } from './blocks';
import { type DocumentKind, OfficialDocument, type Signature, type Urgency } from './contract';
import {
  CELL_PADDING,
  CONTENT_WIDTH,
  FONT,
  FOOTER_COLUMNS,
  HEADER_COLUMNS,
  MARGIN,
  PAGE,
  RULE_SIZE,
  SIZE,
  SPACING,
  textWidth,
} from './layout';

const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';
// Room to write a number or a day by hand when the document is numbered and dated at signing.
const BLANK = ' '.repeat(6);

const TYPE_TITLES: Record<Exclude<DocumentKind, 'cong_van'>, string> = {
  bao_cao: 'BÁO CÁO',
  to_trinh: 'TỜ TRÌNH',
  ke_hoach: 'KẾ HOẠCH',
  ho_so: 'HỒ SƠ',
  quyet_dinh: 'QUYẾT ĐỊNH',
};

const URGENCY_MARKS: Record<Urgency, string> = {
  khan: 'KHẨN',
  thuong_khan: 'THƯỢNG KHẨN',
  hoa_toc: 'HỎA TỐC',
};

// Vietnam has kept UTC+07:00 without daylight saving since 1975; the issuing body dates documents in local time.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

function vietnamCalendar(instant: Date): { year: number; month: number; day: number } {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * Ô 3: "Số: 05/BC-UBND". Numbers below 10 get a leading zero; without a number the space is left blank.
 * @example formatDocumentNumber(5, 'BC-UBND') // "Số: 05/BC-UBND"
 */
export function formatDocumentNumber(n: number | undefined, symbol: string): string {
  if (n === undefined) return `Số:${BLANK}/${symbol}`;
  return `Số: ${String(n).padStart(2, '0')}/${symbol}`;
}

/**
 * Ô 4: "Hà Nội, ngày 05 tháng 01 năm 2026". Days below 10 and the months 1 and 2 get a leading zero; without a date
 * the day and month are left blank and the year is taken from `now`. Calendar fields are read in Vietnam time.
 * @example formatPlaceDate('Hà Nội', new Date('2026-01-05T00:00:00+07:00'), new Date()) // "Hà Nội, ngày 05 tháng 01 năm 2026"
 */
export function formatPlaceDate(place: string, date: Date | undefined, now: Date): string {
  if (date === undefined) {
    return `${place}, ngày${BLANK}tháng${BLANK}năm ${vietnamCalendar(now).year}`;
  }
  const { year, month, day } = vietnamCalendar(date);
  const dayText = String(day).padStart(2, '0');
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${dayText} tháng ${monthText} năm ${year}`;
}

function innerWidth(columnWidth: number): number {
  return columnWidth - 2 * CELL_PADDING;
}

function borderlessTable(columns: readonly [number, number], cells: [Paragraph[], Paragraph[]][]): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [...columns],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0 },
    rows: cells.map(
      (pair) =>
        new TableRow({
          cantSplit: true,
          children: pair.map(
            (children, index) =>
              new TableCell({ width: { size: columns[index] ?? 0, type: WidthType.DXA }, children }),
          ),
        }),
    ),
  });
}

// Ô 10b: urgency marks are upper case, bold, boxed and red.
function urgencyMark(urgency: Urgency): Paragraph {
  const mark = new TextRun({
    text: ` ${URGENCY_MARKS[urgency]} `,
    font: FONT,
    size: SIZE.urgency,
    bold: true,
    color: 'FF0000',
    border: { style: BorderStyle.SINGLE, size: RULE_SIZE * 2, color: 'FF0000', space: 2 },
  });
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 0 },
    children: [mark],
  });
}

// Mục IV: issuer, number, "V/v" and urgency on the left; Quốc hiệu, Tiêu ngữ and place/date on the right. The number
// and the place/date share the second row so that they stand on the same line (ô 3, ô 4).
function headerTable(doc: OfficialDocument, placeDate: string): Table {
  const [left, right] = HEADER_COLUMNS;
  const issuer = [
    ...(doc.issuer.parentName === undefined ? [] : [line(doc.issuer.parentName, { size: SIZE.issuer })]),
    line(doc.issuer.name, { size: SIZE.issuer, bold: true }),
    rule(ruleLength(doc.issuer.name, SIZE.issuer, true, 0.4, innerWidth(left)), innerWidth(left)),
  ];
  const motto = [
    line(QUOC_HIEU, { size: SIZE.quocHieu, bold: true }),
    line(TIEU_NGU, { size: SIZE.tieuNgu, bold: true }),
    rule(textWidth(TIEU_NGU, SIZE.tieuNgu, true), innerWidth(right)),
  ];
  const number = [
    line(formatDocumentNumber(doc.number, doc.symbol), { size: SIZE.number, before: 120 }),
    ...(doc.kind === 'cong_van'
      ? [line(`V/v ${doc.subject}`, { size: SIZE.congVanSubject, before: SPACING.congVanSubjectBefore })]
      : []),
    ...(doc.urgency === undefined ? [] : [urgencyMark(doc.urgency)]),
  ];
  const date = [line(placeDate, { size: SIZE.placeDate, italics: true, before: 120 })];
  return borderlessTable(HEADER_COLUMNS, [
    [issuer, motto],
    [number, date],
  ]);
}

function spacer(halfPoints: number = SIZE.body): Paragraph {
  return line('', { size: halfPoints });
}

// Ô 5a: type and subject bold and centred, a rule of 1/3–1/2 of the subject under them. Công văn has none (ô 5b).
function titleBlock(doc: OfficialDocument): Paragraph[] {
  if (doc.kind === 'cong_van') return [spacer()];
  const title = [
    line(TYPE_TITLES[doc.kind], {
      size: SIZE.type,
      bold: true,
      before: 360,
      lineSpacing: SPACING.headingLine,
      keepNext: true,
    }),
    line(doc.subject, { size: SIZE.subject, bold: true, lineSpacing: SPACING.headingLine, keepNext: true }),
    rule(ruleLength(doc.subject, SIZE.subject, true, 0.4, CONTENT_WIDTH), CONTENT_WIDTH),
    spacer(),
  ];
  if (doc.decidingAuthority !== undefined) {
    title.push(line(doc.decidingAuthority, { size: SIZE.type, bold: true, after: SPACING.blockGap }));
  }
  return title;
}

function signatureLines(signature: Signature): string[] {
  const lines: string[] = [];
  if (signature.onBehalfOf !== undefined) lines.push(`TM. ${signature.onBehalfOf}`);
  if (signature.authority !== undefined)
    lines.push(`${signature.authority} ${signature.authorityOf ?? ''}`.trim());
  if (signature.title !== undefined) lines.push(signature.title);
  return lines;
}

// Ô 9b at the left margin, level with the authority line (ô 7a); the signer's name (ô 7b) below room to sign.
function footerTable(doc: OfficialDocument): Table {
  const lines = [
    ...doc.distribution.map((entry) => withEnding(entry, false)),
    `Lưu: VT, ${doc.archive.drafter}.`,
  ];
  const received = [
    line('Nơi nhận:', { size: SIZE.receivedLabel, bold: true, italics: true, alignment: AlignmentType.LEFT }),
    ...lines.map((entry) => line(`- ${entry}`, { size: SIZE.receivedLine, alignment: AlignmentType.LEFT })),
  ];
  const signer = [
    ...signatureLines(doc.signature).map((value) =>
      line(value, { size: SIZE.signature, bold: true, lineSpacing: SPACING.headingLine }),
    ),
    line(doc.signature.name, { size: SIZE.signature, bold: true, before: SPACING.signatureSpace }),
  ];
  return borderlessTable(FOOTER_COLUMNS, [[received, signer]]);
}

// Phụ lục I Mục I (số trang): Arabic numbers centred in the top margin, not shown on the first page.
function pageHeaders(): { default: Header; first: Header } {
  const number = new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.pageNumber });
  return {
    default: new Header({ children: [paragraphOf([number], AlignmentType.CENTER)] }),
    first: new Header({ children: [new Paragraph({})] }),
  };
}

function parseIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00+07:00`);
}

/**
 * Renders an administrative document in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I, as a DOCX file.
 * Throws the ZodError of `OfficialDocument` when the input is malformed.
 */
export async function renderDocx(input: OfficialDocument, options: { now?: Date } = {}): Promise<Buffer> {
  const doc = OfficialDocument.parse(input);
  const now = options.now ?? new Date();
  const placeDate = formatPlaceDate(
    doc.place,
    doc.date === undefined ? undefined : parseIsoDate(doc.date),
    now,
  );
  const children = [
    headerTable(doc, placeDate),
    ...titleBlock(doc),
    ...(doc.recipients.length > 0 ? kinhGui(doc.recipients) : []),
    ...legalBases(doc.legalBases ?? []),
    ...(doc.kind === 'quyet_dinh'
      ? [line('QUYẾT ĐỊNH:', { size: SIZE.type, bold: true, before: 120, after: SPACING.blockGap })]
      : []),
    ...bodyBlocks(doc.body),
    spacer(),
    footerTable(doc),
  ];
  const document = new Document({
    creator: doc.issuer.name,
    title: doc.kind === 'cong_van' ? `V/v ${doc.subject}` : `${TYPE_TITLES[doc.kind]} ${doc.subject}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body, language: { value: 'vi-VN' } } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: MARGIN,
          },
        },
        headers: pageHeaders(),
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
