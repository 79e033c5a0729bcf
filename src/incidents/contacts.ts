import { asc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Executor } from '../db/client';
import type { Contact, ContactCreate, ContactUpdate } from './contacts-contract';
import { incidentContacts } from './schema';

const MOVED_NOTE =
  'Từ 01/3/2025 chức năng này thuộc Bộ Công an (Cục A05); số điện thoại và địa chỉ mic.gov.vn có thể đã thay đổi: hãy kiểm tra và cập nhật. / Since 03/2025 these functions belong to the Ministry of Public Security (A05); check and update.';
const DISPATCH_SOURCE =
  'Công văn UBND huyện Kim Sơn, tháng 3/2023, mục 5 (chưa đối chiếu danh bạ chính thức hiện hành)';

/** The national contact points given in the dispatch (REGULATIONS.md §4.7), shipped once and editable. */
export const BUILTIN_CONTACTS = [
  {
    builtinCode: 'vncert-cc',
    name: 'Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)',
    shortName: 'VNCERT/CC',
    phone: '(024) 3640.4421',
    hotline: '086.9100.317',
    email: 'ir@vncert.vn',
    receives: ['thong_bao', 'bao_cao_ban_dau', 'bao_cao_ket_thuc', 'de_nghi_ho_tro'],
    note: MOVED_NOTE,
    source: DISPATCH_SOURCE,
    // The dispatch is dated March 2023 with its day left blank: the first of the month is the honest bound.
    checkedOn: '2023-03-01',
  },
  {
    builtinCode: 'ncsc',
    name: 'Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC)',
    shortName: 'NCSC',
    phone: '(024) 3209.1616',
    hotline: '033.6666.905',
    email: 'ais@mic.gov.vn',
    receives: ['thong_bao'],
    note: MOVED_NOTE,
    source: DISPATCH_SOURCE,
    checkedOn: '2023-03-01',
  },
] satisfies (typeof incidentContacts.$inferInsert)[];

/** Ships the built-in entries that are missing; an admin's later edits are never overwritten. */
export async function ensureBuiltinContacts(db: Executor): Promise<void> {
  await db
    .insert(incidentContacts)
    .values(BUILTIN_CONTACTS)
    .onConflictDoNothing({ target: incidentContacts.builtinCode });
}

/** The directory is national reference data: every signed-in role may read it. */
export async function listContacts(ctx: Ctx): Promise<{ items: Contact[] }> {
  await ensureBuiltinContacts(ctx.db);
  const items = await ctx.db.select().from(incidentContacts).orderBy(asc(incidentContacts.shortName));
  return { items };
}

export async function findContacts(db: Executor, ids: string[]): Promise<Contact[]> {
  if (ids.length === 0) return [];
  return db.select().from(incidentContacts).where(inArray(incidentContacts.id, ids));
}

export async function createContact(ctx: Ctx, input: ContactCreate): Promise<Contact> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(incidentContacts)
      .values({ ...input, updatedBy: tx.actor.name })
      .returning();
    await recordAudit(tx, {
      action: 'incident.contact.create',
      unitId: null,
      targetType: 'incident_contact',
      targetId: row!.id,
      details: { name: row!.name, email: row!.email },
    });
    return row!;
  });
}

export async function updateContact(ctx: Ctx, id: string, input: ContactUpdate): Promise<Contact> {
  return inTransaction(ctx, async (tx) => {
    await ensureBuiltinContacts(tx.db);
    const [row] = await tx.db
      .update(incidentContacts)
      .set({ ...input, updatedBy: tx.actor.name, updatedAt: new Date() })
      .where(eq(incidentContacts.id, id))
      .returning();
    if (!row) throw new AppError('INCIDENT_CONTACT_NOT_FOUND', { contactId: id });
    await recordAudit(tx, {
      action: 'incident.contact.update',
      unitId: null,
      targetType: 'incident_contact',
      targetId: id,
      details: { fields: Object.keys(input) },
    });
    return row;
  });
}
