import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { units } from '../units/schema';
import { storedFiles } from './schema';

export type StoredFileRow = typeof storedFiles.$inferSelect;
export type NewStoredFile = typeof storedFiles.$inferInsert;

const metaColumns = {
  id: storedFiles.id,
  unitId: storedFiles.unitId,
  name: storedFiles.name,
  kind: storedFiles.kind,
  size: storedFiles.size,
  sha256: storedFiles.sha256,
  createdBy: storedFiles.createdBy,
  createdAt: storedFiles.createdAt,
};

export async function insertStoredFile(db: Executor, row: NewStoredFile) {
  const [inserted] = await db.insert(storedFiles).values(row).returning(metaColumns);
  return inserted!;
}

/** The file's metadata and its unit's path (for the scope check), without the bytes. */
export async function findStoredFileMeta(db: Executor, id: string) {
  const [row] = await db
    .select({ ...metaColumns, unitPath: units.path })
    .from(storedFiles)
    .innerJoin(units, eq(units.id, storedFiles.unitId))
    .where(eq(storedFiles.id, id));
  return row;
}

export async function findStoredFileContent(db: Executor, id: string): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ content: storedFiles.content })
    .from(storedFiles)
    .where(eq(storedFiles.id, id));
  return row?.content;
}
