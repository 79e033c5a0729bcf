import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { renderDocx } from '../documents/render-docx';
import { readStoredFile, storeFile } from '../files/service';
import { sendEmail } from '../notify/delivery';
import { findUnitById } from '../units/queries';
import { findUserById } from '../users/queries';
import { ensureBuiltinContacts, findContacts } from './contacts';
import type { Contact } from './contacts-contract';
import type { ReportDraft, ReportSend, ReportSummary } from './contract';
import { missingFields } from './form-fields';
import { buildReportDocument, type CaseFacts, defaultFields } from './forms';
import type { ReportForm } from './model';
import { findEvidence, findIndicators, findReport, findReports, findTimeline } from './queries';
import { FORM_TITLES, loadDeadlineOverrides, summariseReports } from './report-status';
import { incidentContacts, incidentReports } from './schema';
import { addEvent, loadIncidentInScope, toIncident } from './service';

/** The message "send by e-mail" hands to the mail service (src/notify at merge): built here, sent there. */
export type ReportEmail = {
  to: { name: string; address: string }[];
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
};
export type ReportMailer = (
  message: ReportEmail,
  via: { ctx: Ctx; unitId: string },
) => Promise<{ messageId?: string | null }>;

/**
 * The platform's mailer: the unit's e-mail channel (or the nearest parent's) in src/notify, which queues
 * one durable delivery per recipient with retries and a delivery log.
 */
export const notifyMailer: ReportMailer = async (message, { ctx, unitId }) => {
  const { deliveryIds } = await sendEmail(ctx, {
    unitId,
    to: message.to.map((r) => r.address),
    subject: message.subject,
    text: message.text,
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      contentBase64: a.content.toString('base64'),
    })),
  });
  return { messageId: deliveryIds.join(',') || null };
};

async function caseFacts(ctx: Ctx, id: string): Promise<CaseFacts> {
  const row = await loadIncidentInScope(ctx, id);
  const [timeline, indicators, evidence, unit, owner] = await Promise.all([
    findTimeline(ctx.db, id),
    findIndicators(ctx.db, id),
    findEvidence(ctx.db, id),
    findUnitById(ctx.db, row.unitId),
    row.ownerUserId ? findUserById(ctx.db, row.ownerUserId) : undefined,
  ]);
  // The owner is the case's contact point (Báo cáo ban đầu, QĐ 05/2017 Art 11.4.b).
  const contact = owner ? { name: owner.displayName, email: owner.email } : null;
  return { incident: toIncident(row), timeline, indicators, evidence, unit: unit!, contact };
}

async function summaryOf(ctx: Ctx, id: string, form: ReportForm): Promise<ReportSummary> {
  const row = await loadIncidentInScope(ctx, id);
  const summaries = summariseReports(
    row,
    await findReports(ctx.db, [id]),
    await loadDeadlineOverrides(ctx.db),
    new Date(),
  );
  return summaries.find((s) => s.form === form)!;
}

/** The default recipients of a form: the active directory entries that receive it. */
async function defaultRecipients(ctx: Ctx, form: ReportForm): Promise<string[]> {
  await ensureBuiltinContacts(ctx.db);
  const rows = await ctx.db.select().from(incidentContacts).where(eq(incidentContacts.active, true));
  return rows.filter((c) => c.receives.includes(form)).map((c) => c.id);
}

/** The form as it stands: saved fields over the defaults filled from the case. */
export async function getReport(ctx: Ctx, id: string, form: ReportForm): Promise<ReportSummary> {
  const facts = await caseFacts(ctx, id);
  const summary = await summaryOf(ctx, id, form);
  const recipients =
    summary.recipientContactIds.length > 0 ? summary.recipientContactIds : await defaultRecipients(ctx, form);
  return {
    ...summary,
    fields: { ...defaultFields(form, facts), ...summary.fields },
    recipientContactIds: recipients,
  };
}

async function upsertReport(
  ctx: Ctx,
  id: string,
  form: ReportForm,
  values: Partial<typeof incidentReports.$inferInsert>,
) {
  const row = await loadIncidentInScope(ctx, id);
  const existing = await findReport(ctx.db, id, form);
  if (existing) {
    await ctx.db
      .update(incidentReports)
      .set({ ...values, updatedBy: ctx.actor.name, updatedAt: new Date() })
      .where(and(eq(incidentReports.incidentId, id), eq(incidentReports.form, form)));
  } else {
    await ctx.db
      .insert(incidentReports)
      .values({ incidentId: id, form, regime: row.regime, ...values, updatedBy: ctx.actor.name });
  }
  return row;
}

/** Saves the edited fields (and recipients) of a form before it is generated. */
export async function saveReportDraft(
  ctx: Ctx,
  id: string,
  form: ReportForm,
  draft: ReportDraft,
): Promise<ReportSummary> {
  await inTransaction(ctx, async (tx) => {
    if (draft.recipientContactIds) await checkContacts(tx, draft.recipientContactIds);
    const row = await upsertReport(tx, id, form, {
      fields: draft.fields,
      ...(draft.recipientContactIds ? { recipientContactIds: draft.recipientContactIds } : {}),
    });
    await recordAudit(tx, {
      action: 'incident.report.draft',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: { form, fields: Object.keys(draft.fields) },
    });
  });
  return getReport(ctx, id, form);
}

async function checkContacts(ctx: Ctx, ids: string[]): Promise<Contact[]> {
  const found = await findContacts(ctx.db, ids);
  const missing = ids.find((cid) => !found.some((c) => c.id === cid));
  if (missing) throw new AppError('INCIDENT_CONTACT_NOT_FOUND', { contactId: missing });
  return found;
}

/**
 * Renders the form as DOCX (Decree 30/2020 layout), stores it through src/files (SHA-256, never altered) and records
 * who generated it and when. A refused generation (missing fields, invalid document) writes nothing.
 */
export async function generateReport(
  ctx: Ctx,
  id: string,
  form: ReportForm,
  now = new Date(),
): Promise<ReportSummary> {
  await inTransaction(ctx, async (tx) => {
    const current = await getReport(tx, id, form);
    if (!current.applies) throw new AppError('INCIDENT_REPORT_NOT_APPLICABLE', { form });
    const missing = missingFields(form, current.fields);
    if (missing.length > 0)
      throw new AppError('INCIDENT_REPORT_FIELDS_MISSING', { fields: missing.join('; ') });
    const facts = await caseFacts(tx, id);
    const contacts = await checkContacts(tx, current.recipientContactIds);
    const document = buildReportDocument(
      form,
      current.fields,
      facts,
      contacts.map((c) => c.name),
      now,
    );
    const content = await renderDocx(document, { now });
    const name = `${facts.incident.reference}-${form}.docx`;
    const stored = await storeFile(tx, facts.incident.unitId, { name, content }, { allowed: ['docx'] });
    await upsertReport(tx, id, form, {
      fields: current.fields,
      recipientContactIds: current.recipientContactIds,
      fileId: stored.id,
      generatedAt: now,
      generatedBy: tx.actor.name,
    });
    await addEvent(tx, id, 'report', `Tạo ${FORM_TITLES[form]} (${name})`, { form, fileId: stored.id }, now);
    await recordAudit(tx, {
      action: 'incident.report.generate',
      unitId: facts.incident.unitId,
      targetType: 'incident',
      targetId: id,
      details: { form, fileId: stored.id, sha256: stored.sha256 },
    });
  });
  return getReport(ctx, id, form);
}

/** The e-mail of a generated report: recipients from the directory, the DOCX attached. */
export async function buildReportEmail(
  ctx: Ctx,
  id: string,
  form: ReportForm,
  contactIds: string[],
): Promise<ReportEmail> {
  const report = await getReport(ctx, id, form);
  if (!report.fileId) throw new AppError('INCIDENT_REPORT_NOT_GENERATED');
  const contacts = (await checkContacts(ctx, contactIds)).filter((c) => c.email && c.active);
  if (contacts.length === 0) throw new AppError('INCIDENT_REPORT_NO_RECIPIENTS');
  const facts = await caseFacts(ctx, id);
  const { meta, content } = await readStoredFile(ctx, report.fileId);
  const sender = facts.unit.issuerName ?? facts.unit.name;
  return {
    to: contacts.map((c) => ({ name: c.name, address: c.email! })),
    subject: `[${facts.incident.reference}] ${FORM_TITLES[form]}: ${facts.incident.title}`.slice(0, 250),
    text: [
      `Kính gửi: ${contacts.map((c) => c.shortName).join(', ')}`,
      '',
      `${sender} gửi kèm ${FORM_TITLES[form]} về sự cố "${facts.incident.title}" (phát hiện ${facts.incident.detectedAt.toISOString()}).`,
      `Tệp đính kèm: ${meta.name}, SHA-256 ${meta.sha256}.`,
      'Bản chính thức được ký số hoặc ký, đóng dấu theo quy định (TT 20/2017 Điều 9.1).',
    ].join('\n'),
    attachments: [
      {
        filename: meta.name,
        content,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ],
  };
}

/**
 * Records that a report went out. By e-mail the message is built and handed to the mailer first; only a send that
 * succeeded is recorded. By công văn, fax or the national system the person records it after sending.
 */
export async function sendReport(
  ctx: Ctx,
  id: string,
  form: ReportForm,
  input: ReportSend,
  mailer: ReportMailer,
): Promise<ReportSummary> {
  const report = await getReport(ctx, id, form);
  if (!report.fileId) throw new AppError('INCIDENT_REPORT_NOT_GENERATED');
  const contactIds = input.contactIds ?? report.recipientContactIds;
  let delivery: { to: string[]; messageId: string | null } | null = null;
  if (input.channel === 'email') {
    const message = await buildReportEmail(ctx, id, form, contactIds);
    const { unitId } = await loadIncidentInScope(ctx, id);
    const result = await mailer(message, { ctx, unitId });
    delivery = { to: message.to.map((t) => t.address), messageId: result.messageId ?? null };
  }
  const now = new Date();
  await inTransaction(ctx, async (tx) => {
    const row = await upsertReport(tx, id, form, {
      sentAt: now,
      sentVia: input.channel,
      sentBy: tx.actor.name,
    });
    const to = delivery ? ` tới ${delivery.to.join(', ')}` : '';
    await addEvent(
      tx,
      id,
      'sent',
      `Gửi ${FORM_TITLES[form]} qua ${input.channel}${to}${input.note ? `: ${input.note}` : ''}`,
      { form, ...delivery },
      now,
    );
    await recordAudit(tx, {
      action: 'incident.report.send',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: {
        form,
        channel: input.channel,
        to: delivery?.to ?? [],
        messageId: delivery?.messageId ?? null,
      },
    });
  });
  return getReport(ctx, id, form);
}
