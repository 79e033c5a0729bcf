import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { rematch } from './rematch';

export const VULNS_REMATCH = 'vulns.rematch';

const RematchPayload = z.object({ hostIds: z.array(z.uuid()).max(50_000).optional() }).strict();

/** Re-matches hosts against the stored advisories; queued after a feed or an inventory import. */
export const rematchJob: JobKind<typeof RematchPayload> = {
  kind: VULNS_REMATCH,
  title: { vi: 'Đối chiếu lỗ hổng với tài sản', en: 'Match vulnerabilities against inventory' },
  payload: RematchPayload,
  async run(payload, { ctx, progress }) {
    const result = await rematch(ctx, { hostIds: payload.hostIds, progress });
    await progress(100, `${result.vulnerable} / ${result.unknown} / ${result.closed}`);
    return result;
  },
};

export const VULN_JOB_KINDS: readonly JobKind[] = [rematchJob as unknown as JobKind];
