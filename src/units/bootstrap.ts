import { count } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../core/context';
import { users } from '../users/schema';
import { createUser } from '../users/service';
import { createRootUnit } from './service';

export const FIRST_ADMIN = 'admin';

/**
 * On a fresh database, creates the root unit and the first admin. The password comes from
 * CANHGAC_ADMIN_PASSWORD, or is generated, returned once for the console, and must be changed.
 */
export async function bootstrapFirstAdmin(
  ctx: Ctx,
  adminPassword: string | undefined,
): Promise<{ created: false } | { created: true; username: string; generatedPassword: string | null }> {
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(users);
  if (n > 0) return { created: false };
  return inTransaction(ctx, async (tx) => {
    const root = await createRootUnit(tx, {
      code: 'ROOT',
      name: 'Đơn vị gốc (hãy đổi tên)',
      nameEn: 'Root unit (rename me)',
      kind: 'other',
    });
    const { generatedPassword } = await createUser(tx, {
      unitId: root.id,
      username: FIRST_ADMIN,
      displayName: 'Quản trị hệ thống',
      role: 'admin',
      language: 'vi',
      password: adminPassword,
    });
    return { created: true as const, username: FIRST_ADMIN, generatedPassword };
  });
}

/** Shown once, on the console only (never the log): the generated first password. */
export function firstAdminBanner(username: string, password: string, url?: string): string {
  return [
    '',
    '================================================================',
    ' Canh Gác: tài khoản quản trị đầu tiên / first admin account',
    ...(url ? [`   Địa chỉ / URL:        ${url}`] : []),
    `   Tên đăng nhập / user: ${username}`,
    `   Mật khẩu / password:  ${password}`,
    ' Mật khẩu này chỉ hiện một lần; hãy đổi ngay khi đăng nhập.',
    ' This password is shown once; you must change it at first sign-in.',
    '================================================================',
    '',
  ].join('\n');
}
