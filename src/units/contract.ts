import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { blankAsNull } from '../core/zod-text';

export const UNIT_KINDS = [
  'province',
  'commune',
  'district',
  'agency',
  'school',
  'provider',
  'other',
] as const;
export const UnitKind = z.enum(UNIT_KINDS);

const optionalText = blankAsNull;

/** What a unit prints on its official documents (Decree 30/2020 ô 2, ô 4, ô 7a). */
const DocumentSettings = {
  issuerParentName: optionalText(200),
  issuerName: optionalText(200),
  placeName: optionalText(100),
  signerAuthority: optionalText(100),
  signerTitle: optionalText(100),
};

export const UnitCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'format.code');

export const UnitCreate = z
  .object({
    parentId: z.uuid(),
    code: UnitCode,
    name: z.string().trim().min(1).max(200),
    nameEn: optionalText(200),
    kind: UnitKind,
    ...DocumentSettings,
  })
  .strict();
export type UnitCreate = z.infer<typeof UnitCreate>;

export const UnitUpdate = z
  .object({
    parentId: z.uuid().optional(),
    code: UnitCode.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    nameEn: optionalText(200),
    kind: UnitKind.optional(),
    ...DocumentSettings,
  })
  .strict();
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const Unit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: UnitKind,
  depth: z.number().int(),
  issuerParentName: z.string().nullable(),
  issuerName: z.string().nullable(),
  placeName: z.string().nullable(),
  signerAuthority: z.string().nullable(),
  signerTitle: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitQuery = PageQuery.extend({
  parentId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  kind: UnitKind.optional(),
}).strict();
export type UnitQuery = z.infer<typeof UnitQuery>;

export const UnitPage = pageOf(Unit);
export const UnitIdParams = z.object({ id: z.uuid() }).strict();
