import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import type { AuditCheck } from '../types.js';

/**
 * Vendor cloud/P2P (Yoosee/Gwell, XMeye): the fingerprint alone says the device is built for a
 * foreign cloud; whether it is enabled is not visible remotely, so the finding is "possible".
 */
export const cloudP2p: AuditCheck = {
  id: 'cloud-p2p',
  async check(target, ctx) {
    const v = target.facts.vendor;
    if (v !== 'yoosee' && v !== 'xiongmai') return;
    ctx.report(
      finding(target, 'cloud-p2p', {
        key: 'cloud-p2p',
        severity: 'low',
        confidence: 'possible',
        title: {
          vi: `Thiết bị ${v === 'yoosee' ? 'Yoosee/Gwell' : 'XiongMai/XMeye'} dùng dịch vụ đám mây P2P của hãng; dữ liệu có thể ra khỏi Việt Nam`,
          en: `${v === 'yoosee' ? 'Yoosee/Gwell' : 'XiongMai/XMeye'} device built for the vendor P2P cloud; data may leave Vietnam`,
        },
        criteria: [...BREAKS.cloud],
        remedy: REMEDY.cloud,
        evidence: [
          evidence(
            'fingerprint',
            target,
            0,
            '(fingerprint)',
            `${target.facts.rtspServer ?? ''} ${JSON.stringify(target.facts.http).slice(0, 200)}`,
          ),
        ],
      }),
    );
  },
};
