import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { ROLES } from '../core/roles';

export const Role = z.enum(ROLES);
export const Language = z.enum(['vi', 'en']);
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'format.username');
export const PASSWORD_MIN = 12;
export const Password = z.string().min(PASSWORD_MIN).max(256);

export const User = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: Role,
  language: Language,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.date().nullable(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
export type User = z.infer<typeof User>;

export const UserCreate = z
  .object({
    unitId: z.uuid(),
    username: Username,
    displayName: z.string().trim().min(1).max(120),
    email: z.email().max(200).nullable().optional(),
    role: Role,
    language: Language.default('vi'),
    /** Absent: a random password is generated, returned once, and must be changed at first sign-in. */
    password: Password.optional(),
  })
  .strict();
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z
  .object({
    unitId: z.uuid().optional(),
    displayName: z.string().trim().min(1).max(120).optional(),
    email: z.email().max(200).nullable().optional(),
    role: Role.optional(),
    language: Language.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserCreated = z.object({ user: User, generatedPassword: z.string().nullable() });
export const PasswordReset = z.object({ generatedPassword: z.string() });

export const UserQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  role: Role.optional(),
  q: z.string().trim().max(100).optional(),
}).strict();
export type UserQuery = z.infer<typeof UserQuery>;

export const UserPage = pageOf(User);
export const UserIdParams = z.object({ id: z.uuid() }).strict();
