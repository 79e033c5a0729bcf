import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import { platformSecretBox } from '../../core/secrets';
import { loadUnitInScope } from '../../units/service';
import type { UnitCredential } from '../audit/types';
import { loadCameraInScope } from '../cameras-service';
import { type Credential, type CredentialPut, PASSWORD_MASK } from './contract';
import {
  type CredentialRow,
  deleteCredentialRow,
  findCredential,
  findCredentialSlot,
  insertCredential,
  listCredentialRows,
  updateCredential,
} from './queries';

function toCredential(row: CredentialRow, cameraIp: string | null): Credential {
  return {
    id: row.id,
    unitId: row.unitId,
    cameraId: row.cameraId,
    cameraIp,
    protocol: row.protocol,
    username: row.username,
    password: PASSWORD_MASK,
    note: row.note,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

/**
 * Stores (or replaces) the credential for a unit, or for one of its cameras, sealed. The audit row names
 * the account and the camera, never the password.
 */
export async function putCredential(ctx: Ctx, input: CredentialPut): Promise<Credential> {
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    const camera = input.cameraId ? await loadCameraInScope(tx, input.cameraId) : null;
    if (camera && camera.unitId !== input.unitId)
      throw new AppError('CAMERA_CREDENTIAL_WRONG_UNIT', { cameraId: camera.id });
    const slot = { unitId: input.unitId, cameraId: camera?.id ?? null, protocol: input.protocol };
    const values = {
      username: input.username,
      sealedPassword: platformSecretBox().seal(input.password),
      note: input.note ?? null,
      updatedBy: tx.actor.name,
      updatedAt: new Date(),
    };
    const existing = await findCredentialSlot(tx.db, slot);
    const row = existing
      ? await updateCredential(tx.db, existing.id, values)
      : await insertCredential(tx.db, { ...slot, ...values });
    await recordAudit(tx, {
      action: existing ? 'camera_credential.replace' : 'camera_credential.create',
      targetType: 'camera_credential',
      targetId: row.id,
      unitId: input.unitId,
      details: { cameraId: row.cameraId, protocol: row.protocol, username: row.username },
    });
    return toCredential(row, camera?.ip ?? null);
  });
}

export async function listCredentials(ctx: Ctx, unitId: string): Promise<{ items: Credential[] }> {
  await loadUnitInScope(ctx, unitId);
  const rows = await listCredentialRows(ctx.db, unitId);
  return { items: rows.map((r) => toCredential(r.credential, r.cameraIp)) };
}

export async function deleteCredential(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await findCredential(tx.db, id);
    if (!row) throw new AppError('CAMERA_CREDENTIAL_NOT_FOUND', { id });
    await loadUnitInScope(tx, row.unitId);
    await deleteCredentialRow(tx.db, id);
    await recordAudit(tx, {
      action: 'camera_credential.delete',
      targetType: 'camera_credential',
      targetId: id,
      unitId: row.unitId,
      details: { cameraId: row.cameraId, protocol: row.protocol, username: row.username },
    });
  });
}

/**
 * For the audit job only: the unit's credentials unsealed, per-camera ones first and tied to the camera's
 * address (a camera without an address cannot be matched and is left out), then the unit-wide ones.
 */
export async function unitCredentialsForAudit(ctx: Ctx, unitId: string): Promise<UnitCredential[]> {
  const rows = await listCredentialRows(ctx.db, unitId);
  const box = platformSecretBox();
  const perCamera = rows.filter((r) => r.credential.cameraId !== null && r.cameraIp);
  const unitWide = rows.filter((r) => r.credential.cameraId === null);
  return [...perCamera, ...unitWide].map(({ credential: c, cameraIp }) => ({
    id: c.id,
    username: c.username,
    password: box.open(c.sealedPassword),
    ...(c.cameraId && cameraIp ? { addresses: [cameraIp] } : {}),
  }));
}
