import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { BodyBlock } from './contract';
import { CONTENT_WIDTH, FONT, RULE_SIZE, SIZE, SPACING, textWidth } from './layout';

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

export interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
}

export function run(value: string, style: RunStyle): TextRun {
  return new TextRun({ text: value, font: FONT, size: style.size, bold: style.bold, italics: style.italics });
}

export interface LineOptions extends RunStyle {
  alignment?: Alignment;
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line (240 = single). */
  lineSpacing?: number;
  keepNext?: boolean;
}

/** One paragraph in one style, single-spaced unless told otherwise: the header, title and footer lines. */
export function line(value: string, options: LineOptions): Paragraph {
  return new Paragraph({
    alignment: options.alignment ?? AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: options.lineSpacing ?? 240 },
    keepNext: options.keepNext,
    children: [run(value, options)],
  });
}

export function paragraphOf(children: ParagraphChild[], alignment: Alignment): Paragraph {
  return new Paragraph({ alignment, spacing: { before: 0, after: 0, line: 240 }, children });
}

/**
 * A solid rule `length` twips long, centred in a column `columnWidth` wide: an empty paragraph whose top border is
 * narrowed by indents. Phụ lục I asks for rules as long as the Tiêu ngữ and 1/3–1/2 of the issuer and subject lines.
 */
export function rule(length: number, columnWidth: number): Paragraph {
  const side = Math.max(0, Math.round((columnWidth - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 80, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: RULE_SIZE, color: '000000', space: 1 } },
    children: [run('', { size: 2 })],
  });
}

/** Rule length for a line that may wrap: a share of its estimated width, never wider than the column allows. */
export function ruleLength(
  value: string,
  size: number,
  bold: boolean,
  share: number,
  columnWidth: number,
): number {
  return Math.round(Math.min(textWidth(value, size, bold), columnWidth) * share);
}

/** Ends a list line with ";" or, for the last one, "." (Phụ lục I ô 9a, 9b and the legal bases). */
export function withEnding(value: string, isLast: boolean): string {
  return `${value.replace(/[\s;.,]+$/u, '')}${isLast ? '.' : ';'}`;
}

function bodyParagraph(value: string, style: Partial<RunStyle> = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: SPACING.firstLineIndent },
    spacing: { before: 0, after: SPACING.paragraphAfter, line: SPACING.bodyLine },
    children: [run(value, { size: SIZE.body, ...style })],
  });
}

/** Legal bases: italic, one per line, each ending with ";" and the last with ".". */
export function legalBases(bases: readonly string[]): Paragraph[] {
  return bases.map((basis, index) =>
    bodyParagraph(withEnding(basis, index === bases.length - 1), { italics: true }),
  );
}

/**
 * Ô 9a: one recipient goes on the "Kính gửi:" line; several go on their own lines as "- X;" with the dashes
 * aligned under the colon and the last ending with ".".
 */
export function kinhGui(recipients: readonly string[]): Paragraph[] {
  const label = 'Kính gửi';
  const spacing = (isLast: boolean) => ({
    before: 0,
    after: isLast ? SPACING.blockGap : 0,
    line: SPACING.bodyLine,
  });
  const [only] = recipients;
  if (recipients.length === 1 && only !== undefined) {
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: spacing(true),
        children: [run(`${label}: ${only}`, { size: SIZE.body })],
      }),
    ];
  }
  const lines = recipients.map(
    (recipient, index) => `- ${withEnding(recipient, index === recipients.length - 1)}`,
  );
  const labelWidth = textWidth(label, SIZE.body, false);
  const widest = Math.max(...lines.map((value) => textWidth(value, SIZE.body, false)));
  const start = Math.max(0, Math.round((CONTENT_WIDTH - labelWidth - widest) / 2));
  return [
    new Paragraph({
      indent: { left: start },
      spacing: spacing(false),
      children: [run(`${label}:`, { size: SIZE.body })],
    }),
    ...lines.map(
      (value, index) =>
        new Paragraph({
          indent: { left: start + labelWidth },
          spacing: spacing(index === lines.length - 1),
          children: [run(value, { size: SIZE.body })],
        }),
    ),
  ];
}

function bodyTable(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const columnWidth = Math.floor(CONTENT_WIDTH / header.length);
  const cell = (value: string, bold: boolean) =>
    new TableCell({
      width: { size: columnWidth, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        line(value, { size: SIZE.table, bold, alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT }),
      ],
    });
  return new Table({
    width: { size: columnWidth * header.length, type: WidthType.DXA },
    columnWidths: header.map(() => columnWidth),
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((value) => cell(value, true)) }),
      ...rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((value) => cell(value, false)) }),
      ),
    ],
  });
}

// Phụ lục I: headings are bold; "1.", "a)" and the like stay upright. The numbering is part of the text.
function heading(value: string, level: 1 | 2 | 3): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: SPACING.firstLineIndent },
    spacing: {
      before: level === 1 ? SPACING.paragraphAfter : 0,
      after: SPACING.paragraphAfter,
      line: SPACING.bodyLine,
    },
    keepNext: true,
    children: [run(value, { size: SIZE.body, bold: true })],
  });
}

function blockElements(block: BodyBlock): (Paragraph | Table)[] {
  switch (block.type) {
    case 'paragraph':
      return [bodyParagraph(block.text)];
    case 'heading':
      return [heading(block.text, block.level)];
    case 'list':
      return block.items.map((item) => bodyParagraph(`- ${item}`));
    case 'table':
      // Two tables in a row would merge into one in Word; the empty line also keeps the 6 pt gap.
      return [
        bodyTable(block.header, block.rows),
        line('', { size: SIZE.body, after: SPACING.paragraphAfter }),
      ];
  }
}

/** Ô 6: justified body with a first-line indent and at least 6 pt between paragraphs. */
export function bodyBlocks(blocks: readonly BodyBlock[]): (Paragraph | Table)[] {
  return blocks.flatMap(blockElements);
}
