// Page geometry and type sizes of Nghị định 30/2020/NĐ-CP, Phụ lục I. Lengths are in twips (1/20 pt,
// 1 mm ≈ 56.7 twips); font sizes are in half-points, as WordprocessingML stores them.

const TWIPS_PER_MM = 1440 / 25.4;

export function mm(millimetres: number): number {
  return Math.round(millimetres * TWIPS_PER_MM);
}

// Phụ lục I Mục I (khổ giấy): A4, 210 × 297 mm, portrait.
export const PAGE = { width: 11906, height: 16838 } as const;

// Phụ lục I Mục I (định lề trang): top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. The lower bounds leave the most room for text.
export const MARGIN = {
  top: mm(20),
  bottom: mm(20),
  left: mm(30),
  right: mm(15),
  // Phụ lục I Mục I (số trang): the page number sits centred in the top margin, here 10 mm from the edge.
  header: mm(10),
  footer: mm(10),
} as const;

export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

// Mục IV: two columns. The right one must hold the Quốc hiệu (≈ 88 mm at 12 pt bold) on one line.
export const HEADER_COLUMNS = [mm(70), CONTENT_WIDTH - mm(70)] as const;
// Ô 9b sits at the left margin; the signature block (ô 7) takes the right half.
export const FOOTER_COLUMNS = [mm(78), CONTENT_WIDTH - mm(78)] as const;
// Narrow side padding so the header texts fit their columns; Word's default is 1.9 mm.
export const CELL_PADDING = mm(1);

export const FONT = 'Times New Roman';

// Phụ lục I table: Quốc hiệu 12 ⇒ Tiêu ngữ 13 and place/date 13 (the sizes must stay in step); body 13–14.
export const SIZE = {
  quocHieu: 24,
  tieuNgu: 26,
  issuer: 24,
  number: 26,
  placeDate: 26,
  congVanSubject: 24,
  urgency: 26,
  type: 28,
  subject: 28,
  body: 28,
  table: 26,
  signature: 28,
  receivedLabel: 24,
  receivedLine: 22,
  pageNumber: 26,
} as const;

export const SPACING = {
  // Ô 6: at least 6 pt between paragraphs; line spacing from single to 1.5 lines (240 = single).
  paragraphAfter: 120,
  bodyLine: 288,
  // Bold capitals with stacked Vietnamese marks (Ủ, Ế) touch the line above at exactly single spacing.
  headingLine: 288,
  // Ô 6: first-line indent of 1 cm or 1.27 cm.
  firstLineIndent: mm(10),
  // Ô 5b: the "V/v" line sits 6 pt below the number.
  congVanSubjectBefore: 120,
  blockGap: 240,
  signatureSpace: mm(28),
} as const;

// Rule thickness: 0.75 pt solid (w:sz is in eighths of a point).
export const RULE_SIZE = 6;

// Advance widths per 1000 em of Liberation Serif, which is metric-compatible with Times New Roman, for U+0020–U+007E.
// They let the renderer size the rules under the Tiêu ngữ, the issuer and the subject to the text (Phụ lục I ô 1, 2, 5a).
const REGULAR_WIDTHS = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500,
  500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333,
  389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469,
  500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
  278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
const BOLD_WIDTHS = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500,
  500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389,
  500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581,
  500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
  333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

/**
 * Estimated printed width, in twips, of one line of Times New Roman. Vietnamese letters are measured as their base
 * letter: the tone and vowel marks do not change the advance width.
 */
export function textWidth(value: string, halfPoints: number, bold: boolean): number {
  const widths = bold ? BOLD_WIDTHS : REGULAR_WIDTHS;
  const base = value.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd');
  let units = 0;
  for (const char of base) {
    const code = char.codePointAt(0) ?? 0;
    units += widths[code - 0x20] ?? 500;
  }
  return Math.round((units * halfPoints * 10) / 1000);
}
