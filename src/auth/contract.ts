import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { Unit } from '../units/contract';
import { Language, Password, Role, User } from '../users/contract';

export const SignIn = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();
export type SignIn = z.infer<typeof SignIn>;

export const Me = z.object({ user: User, unit: Unit, csrfToken: z.string() });
export type Me = z.infer<typeof Me>;

export const PasswordChange = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: Password })
  .strict();
export type PasswordChange = z.infer<typeof PasswordChange>;

export const ProfileUpdate = z
  .object({ language: Language.optional(), displayName: z.string().trim().min(1).max(120).optional() })
  .strict();
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  unitId: z.uuid(),
  role: Role,
  prefix: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const TokenCreate = z
  .object({
    name: z.string().trim().min(1).max(100),
    unitId: z.uuid(),
    role: Role,
    expiresAt: z.coerce.date().nullable().optional(),
  })
  .strict();
export type TokenCreate = z.infer<typeof TokenCreate>;

/** The secret is shown once, at creation; only its hash is kept. */
export const TokenCreated = z.object({ token: ApiToken, secret: z.string() });

export const TokenQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  includeRevoked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}).strict();
export type TokenQuery = z.infer<typeof TokenQuery>;

export const TokenPage = pageOf(ApiToken);
export const TokenIdParams = z.object({ id: z.uuid() }).strict();
