import { z } from 'zod';
import { REPORT_FORMS } from './model';

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const ContactFields = {
  name: z.string().trim().min(1).max(300),
  shortName: z.string().trim().min(1).max(60),
  phone: optional(60),
  hotline: optional(60),
  email: z.email().max(200).nullable().optional(),
  receives: z.array(z.enum(REPORT_FORMS)).max(REPORT_FORMS.length).optional(),
  note: z.string().trim().max(2_000).optional(),
  source: z.string().trim().max(500).optional(),
  checkedOn: z.iso.date().nullable().optional(),
  active: z.boolean().optional(),
};

export const ContactCreate = z.object(ContactFields).strict();
export type ContactCreate = z.infer<typeof ContactCreate>;
export const ContactUpdate = z.object(ContactFields).partial().strict();
export type ContactUpdate = z.infer<typeof ContactUpdate>;

export const Contact = z.object({
  id: z.uuid(),
  builtinCode: z.string().nullable(),
  name: z.string(),
  shortName: z.string(),
  phone: z.string().nullable(),
  hotline: z.string().nullable(),
  email: z.string().nullable(),
  receives: z.array(z.enum(REPORT_FORMS)),
  note: z.string(),
  source: z.string(),
  checkedOn: z.string().nullable(),
  active: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.date(),
});
export type Contact = z.infer<typeof Contact>;
export const ContactList = z.object({ items: z.array(Contact) });
export const ContactIdParams = z.object({ id: z.uuid() }).strict();
