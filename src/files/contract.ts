import { z } from 'zod';
import { FILE_KINDS } from './file-kind';

/** A stored file as the API shows it: never its bytes (those come from the download route). */
export const StoredFile = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  name: z.string(),
  kind: z.enum(FILE_KINDS),
  size: z.number().int(),
  sha256: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type StoredFile = z.infer<typeof StoredFile>;

export const FileIdParams = z.object({ id: z.uuid() }).strict();
