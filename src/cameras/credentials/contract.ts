import { z } from 'zod';
import { blankAsNull } from '../../core/zod-text';
import { CREDENTIAL_PROTOCOLS } from './schema';

/** The password is write-only: it is sealed on arrival and only a mask ever comes back. */
export const CredentialPut = z
  .object({
    unitId: z.uuid(),
    /** One camera of the unit; omitted or null = every camera of the unit without its own. */
    cameraId: z.uuid().nullable().default(null),
    protocol: z.enum(CREDENTIAL_PROTOCOLS).default('onvif'),
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(128),
    note: blankAsNull(500),
  })
  .strict();
export type CredentialPut = z.infer<typeof CredentialPut>;

export const PASSWORD_MASK = '••••••••';

export const Credential = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  cameraId: z.uuid().nullable(),
  cameraIp: z.string().nullable(),
  protocol: z.enum(CREDENTIAL_PROTOCOLS),
  username: z.string(),
  /** Always the mask: the stored password is never returned. */
  password: z.literal(PASSWORD_MASK),
  note: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.date(),
});
export type Credential = z.infer<typeof Credential>;

export const CredentialList = z.object({ items: z.array(Credential) });
export const CredentialQuery = z.object({ unitId: z.uuid() }).strict();
export const CredentialParams = z.object({ id: z.uuid() }).strict();
