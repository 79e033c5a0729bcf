import type { Message } from '../../notify/model';
import type { AlertRow } from '../alerts/queries';

const LEVEL_VI: Record<AlertRow['level'], string> = {
  informational: 'Thông tin',
  low: 'Thấp',
  medium: 'Trung bình',
  high: 'Cao',
  critical: 'Nghiêm trọng',
};

/** Vietnam wall-clock time, "01/12/2026 08:05 (+07:00)". */
export function vnTime(at: Date): string {
  const t = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)} (+07:00)`;
}

/** The page sent to the person on duty: Vietnamese first, English second; the rule's author always (DRL 1.1). */
export function alertMessage(
  alert: AlertRow,
  context: { unitName: string; to: string; recipientName: string; link: string; step: number },
): Message {
  const escalated =
    context.step > 0 ? ` [leo thang bước ${context.step + 1} / escalation step ${context.step + 1}]` : '';
  const lines = [
    `Cảnh báo ${LEVEL_VI[alert.level]} / ${alert.level} alert${escalated}`,
    `Đơn vị / Unit: ${context.unitName}`,
    `Nội dung / Alert: ${alert.title}`,
    `Quy tắc / Rule: ${alert.ruleTitle} (${alert.ruleId})`,
    `Tác giả quy tắc / Rule author: ${alert.ruleAuthor}`,
    `Số lần / Count: ${alert.count}; lần đầu / first seen: ${vnTime(alert.firstSeenAt)}`,
    `Người nhận / To: ${context.recipientName}`,
  ];
  if (alert.excerpt) lines.push('', alert.excerpt.slice(0, 1000));
  lines.push('', 'Xác nhận đã nhận (dừng leo thang) / Acknowledge (stops escalation):');
  return {
    to: context.to,
    subject: `[Canh Gác][${alert.level.toUpperCase()}] ${alert.title}`.slice(0, 300),
    text: lines.join('\n'),
    link: context.link,
    data: {
      alertId: alert.id,
      unitId: alert.unitId,
      level: alert.level,
      ruleId: alert.ruleId,
      ruleAuthor: alert.ruleAuthor,
      count: alert.count,
      step: context.step,
    },
  };
}
