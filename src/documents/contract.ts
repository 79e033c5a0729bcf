import { z } from 'zod';

// XML 1.0 cannot carry most C0 controls, and a line break means nothing inside one paragraph of the form.
function hasNoControlCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || code === 0xfffe || code === 0xffff) return false;
  }
  return true;
}

function text(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(hasNoControlCharacters, { message: 'Control characters are not allowed' });
}

export const DocumentKind = z.enum(['cong_van', 'bao_cao', 'to_trinh', 'ke_hoach', 'ho_so', 'quyet_dinh']);
export type DocumentKind = z.infer<typeof DocumentKind>;

// Phụ lục I II.7: TM. (collective), KT. (deputy for the head), Q. (acting), TL. (by order), TUQ. (by authorization).
export const SigningAuthority = z.enum(['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.']);
export type SigningAuthority = z.infer<typeof SigningAuthority>;

export const Urgency = z.enum(['khan', 'thuong_khan', 'hoa_toc']);
export type Urgency = z.infer<typeof Urgency>;

export const Issuer = z
  .object({
    /** Ô 2, not bold, e.g. "UBND TỈNH NINH BÌNH". */
    parentName: text(200).optional(),
    /** Ô 2, bold, e.g. "ỦY BAN NHÂN DÂN XÃ KIM SƠN". */
    name: text(200),
  })
  .strict();
export type Issuer = z.infer<typeof Issuer>;

export const Signature = z
  .object({
    authority: SigningAuthority.optional(),
    /** What follows the authority mark: "ỦY BAN NHÂN DÂN" for TM., "CHỦ TỊCH" for KT. */
    authorityOf: text(200).optional(),
    /** Adds "TM. <onBehalfOf>" above a KT. line, as in "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
    onBehalfOf: text(200).optional(),
    /** The signer's own title, e.g. "PHÓ CHỦ TỊCH"; may be left out when the authority line says it ("Q. CHỦ TỊCH"). */
    title: text(200).optional(),
    /** Ô 7b: name only, no academic titles. */
    name: text(100),
  })
  .strict()
  .superRefine((signature, ctx) => {
    if ((signature.authority === undefined) !== (signature.authorityOf === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['authorityOf'],
        message: 'authority and authorityOf go together',
      });
    }
    if (signature.onBehalfOf !== undefined && signature.authority !== 'KT.') {
      ctx.addIssue({
        code: 'custom',
        path: ['onBehalfOf'],
        message: 'onBehalfOf is only used above a KT. line',
      });
    }
    if (signature.authority === undefined && signature.title === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'A signature needs a title or an authority line',
      });
    }
  });
export type Signature = z.infer<typeof Signature>;

export const ParagraphBlock = z.object({ type: z.literal('paragraph'), text: text(20_000) }).strict();
export type ParagraphBlock = z.infer<typeof ParagraphBlock>;

export const HeadingBlock = z
  .object({
    type: z.literal('heading'),
    text: text(500),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  })
  .strict();
export type HeadingBlock = z.infer<typeof HeadingBlock>;

export const ListBlock = z
  .object({ type: z.literal('list'), items: z.array(text(5_000)).min(1).max(500) })
  .strict();
export type ListBlock = z.infer<typeof ListBlock>;

export const TableBlock = z
  .object({
    type: z.literal('table'),
    header: z.array(text(200)).min(1).max(12),
    rows: z.array(z.array(z.string().max(2_000).refine(hasNoControlCharacters))).max(2_000),
  })
  .strict()
  .superRefine((table, ctx) => {
    table.rows.forEach((row, index) => {
      if (row.length !== table.header.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', index],
          message: 'Each row needs one cell per header column',
        });
      }
    });
  });
export type TableBlock = z.infer<typeof TableBlock>;

export const BodyBlock = z.discriminatedUnion('type', [ParagraphBlock, HeadingBlock, ListBlock, TableBlock]);
export type BodyBlock = z.infer<typeof BodyBlock>;

export const OfficialDocument = z
  .object({
    kind: DocumentKind,
    issuer: Issuer,
    /** Absent until the document is numbered at signing; rendered as a blank "Số:      /BC-UBND". */
    number: z.number().int().min(1).max(999_999).optional(),
    /** Ô 3 symbol after the slash: groups joined by "-" with no spaces, e.g. "BC-UBND", "UBND-VP", "TTr-UBND". */
    symbol: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}.&]+)*$/u, 'Symbol groups are letters or digits joined by "-"')
      .max(40),
    /** Ô 4 place name, e.g. "Kim Sơn". */
    place: text(100),
    /** YYYY-MM-DD; absent until signing, when the day and month are left blank. */
    date: z.iso.date().optional(),
    /** Ô 5a (under the type line) or ô 5b (after "V/v" for công văn). */
    subject: text(500),
    /** For quyết định only: the deciding authority line, e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ KIM SƠN". */
    decidingAuthority: text(300).optional(),
    urgency: Urgency.optional(),
    /** Ô 9a "Kính gửi"; required for công văn, optional for the others (e.g. a báo cáo to a higher body). */
    recipients: z.array(text(300)).max(50),
    /** "Căn cứ …" lines; the renderer supplies the ";" and the final ".". */
    legalBases: z.array(text(1_000)).max(50).optional(),
    body: z.array(BodyBlock).min(1).max(5_000),
    /** Ô 9b "Nơi nhận" lines, without the closing "Lưu" line. */
    distribution: z.array(text(300)).max(100),
    /** Ô 9b last line "- Lưu: VT, <drafter>." where drafter is the drafting unit's abbreviation. */
    archive: z.object({ drafter: text(50) }).strict(),
    signature: Signature,
  })
  .strict()
  .superRefine((doc, ctx) => {
    if (doc.kind === 'cong_van' && doc.recipients.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipients'],
        message: 'A công văn needs at least one recipient',
      });
    }
    if ((doc.kind === 'quyet_dinh') !== (doc.decidingAuthority !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['decidingAuthority'],
        message: 'decidingAuthority is required for a quyết định and not used otherwise',
      });
    }
  });
export type OfficialDocument = z.infer<typeof OfficialDocument>;
