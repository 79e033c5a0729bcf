import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import { findAlert } from '../alerts/queries';
import { changeAlertStatus } from '../alerts/service';
import { consumeAckToken, peekAckToken } from './ack-tokens';

/**
 * Acknowledges through a message's link. The token is the authority (no sign-in at 3 a.m. on a
 * phone), so it is one-time, expires, and acts only on its own alert, as the person it was sent to.
 */
export async function acknowledgeByToken(ctx: Ctx, token: string) {
  return inTransaction(ctx, async (tx) => {
    const used = await consumeAckToken(tx.db, token);
    if (!used) throw new AppError('ACK_LINK_INVALID');
    const found = (await findAlert(tx.db, used.alertId))!;
    if (found.alert.status !== 'new') {
      return { alertId: found.alert.id, status: found.alert.status, title: found.alert.title };
    }
    const asRecipient: Ctx = {
      ...tx,
      actor: { type: 'user', id: used.userId, name: `${used.recipientName} (liên kết / link)` },
      role: 'on_duty',
      unitPath: null,
      unitId: found.alert.unitId,
    };
    const alert = await changeAlertStatus(asRecipient, found.alert.id, {
      status: 'acknowledged',
      note: undefined,
    });
    return { alertId: alert.id, status: alert.status, title: alert.title };
  });
}

/** What the confirmation page shows before the person presses the button (a link preview must not acknowledge). */
export async function describeAckToken(ctx: Ctx, token: string) {
  const row = await peekAckToken(ctx.db, token);
  const found = row ? await findAlert(ctx.db, row.alertId) : undefined;
  if (!row || !found) throw new AppError('ACK_LINK_INVALID');
  return {
    alertId: found.alert.id,
    status: found.alert.status,
    title: found.alert.title,
    recipientName: row.recipientName,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page that needs no console: the alert's title and one button that POSTs back to the same URL. */
export function ackPage(
  info: { title: string; status: string; recipientName?: string } | null,
  done = false,
): string {
  const body = !info
    ? '<p>Liên kết không hợp lệ, đã dùng hoặc đã hết hạn.<br>The link is invalid, used or expired.</p>'
    : done || info.status !== 'new'
      ? `<p>Đã xác nhận cảnh báo / Alert acknowledged: <b>${escapeHtml(info.title)}</b> (${escapeHtml(info.status)})</p>`
      : `<p>${escapeHtml(info.recipientName ?? '')}: <b>${escapeHtml(info.title)}</b></p>
<form method="post"><button type="submit" style="font-size:1.3em;padding:.6em 1.2em">Xác nhận đã nhận / Acknowledge</button></form>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Canh Gác</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em">
<h1>Canh Gác</h1>${body}</body></html>`;
}
