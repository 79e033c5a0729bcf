/** Counters of one receiver since it started (not persisted: a restart begins again at zero). */
export type ReceiverStats = {
  transport: 'udp' | 'tcp' | 'tls' | 'http';
  address: string | null;
  received: number;
  stored: number;
  raw: number;
  dropped: number;
  unknownSender: number;
  oversize: number;
  connections: number;
  pausedTimes: number;
};

export function emptyStats(
  transport: ReceiverStats['transport'],
  address: string | null = null,
): ReceiverStats {
  return {
    transport,
    address,
    received: 0,
    stored: 0,
    raw: 0,
    dropped: 0,
    unknownSender: 0,
    oversize: 0,
    connections: 0,
    pausedTimes: 0,
  };
}

// The receivers of this process, for the stats route: they register on start and leave on close.
const registry = new Set<ReceiverStats>();

export function registerStats(stats: ReceiverStats): () => void {
  registry.add(stats);
  return () => registry.delete(stats);
}

export function allReceiverStats(): ReceiverStats[] {
  return [...registry].map((s) => ({ ...s }));
}
