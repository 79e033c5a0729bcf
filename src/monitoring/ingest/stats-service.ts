import fs from 'node:fs';
import type { Ctx } from '../../core/context';
import { listUnknownSenders } from '../events/queries';
import { allReceiverStats } from './stats';

/** `Udp: … RcvbufErrors …` of /proc/net/snmp: what the kernel dropped before we could read it. */
export function kernelUdpReceiveErrors(snmp?: string): number | null {
  let text = snmp;
  if (text === undefined) {
    try {
      text = fs.readFileSync('/proc/net/snmp', 'utf8');
    } catch {
      return null;
    }
  }
  const lines = text.split('\n').filter((l) => l.startsWith('Udp: '));
  if (lines.length < 2) return null;
  const names = lines[0]!.split(/\s+/);
  const values = lines[1]!.split(/\s+/);
  const at = names.indexOf('RcvbufErrors');
  return at > 0 ? Number(values[at]) : null;
}

export async function ingestStats(ctx: Ctx) {
  return {
    receivers: allReceiverStats(),
    kernelUdpReceiveErrors: kernelUdpReceiveErrors(),
    unknownSenders: await listUnknownSenders(ctx.db, 200),
  };
}
