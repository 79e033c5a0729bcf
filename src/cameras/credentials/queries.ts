import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { cameras } from '../schema';
import { cameraCredentials } from './schema';

export type CredentialRow = typeof cameraCredentials.$inferSelect;
export type CredentialInsert = typeof cameraCredentials.$inferInsert;

/** The unit's credentials with each camera's address, per-camera entries first (they take precedence). */
export async function listCredentialRows(db: Executor, unitId: string) {
  return db
    .select({ credential: cameraCredentials, cameraIp: cameras.ip })
    .from(cameraCredentials)
    .leftJoin(cameras, eq(cameras.id, cameraCredentials.cameraId))
    .where(eq(cameraCredentials.unitId, unitId))
    .orderBy(cameraCredentials.cameraId, cameraCredentials.createdAt);
}

export async function findCredential(db: Executor, id: string): Promise<CredentialRow | undefined> {
  const [row] = await db.select().from(cameraCredentials).where(eq(cameraCredentials.id, id));
  return row;
}

/** The one entry for (unit, camera or none, protocol): a new one replaces it. */
export async function findCredentialSlot(
  db: Executor,
  slot: Pick<CredentialRow, 'unitId' | 'cameraId' | 'protocol'>,
): Promise<CredentialRow | undefined> {
  const [row] = await db
    .select()
    .from(cameraCredentials)
    .where(
      and(
        eq(cameraCredentials.unitId, slot.unitId),
        slot.cameraId ? eq(cameraCredentials.cameraId, slot.cameraId) : isNull(cameraCredentials.cameraId),
        eq(cameraCredentials.protocol, slot.protocol),
      ),
    );
  return row;
}

export async function insertCredential(db: Executor, values: CredentialInsert): Promise<CredentialRow> {
  const [row] = await db.insert(cameraCredentials).values(values).returning();
  if (!row) throw new Error('insert camera_credentials returned nothing');
  return row;
}

export async function updateCredential(
  db: Executor,
  id: string,
  values: Partial<CredentialInsert>,
): Promise<CredentialRow> {
  const [row] = await db
    .update(cameraCredentials)
    .set(values)
    .where(eq(cameraCredentials.id, id))
    .returning();
  if (!row) throw new Error('update camera_credentials returned nothing');
  return row;
}

export async function deleteCredentialRow(db: Executor, id: string): Promise<void> {
  await db.delete(cameraCredentials).where(eq(cameraCredentials.id, id));
}
