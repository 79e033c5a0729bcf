/** What identifies one finding across runs: the camera (or the bare address), the kind and the port. */
export type FindingIdentity = {
  cameraId: string | null;
  address: string;
  findingKey: string;
  port: number | null;
};

export function identityOf(f: FindingIdentity): string {
  return `${f.cameraId ?? f.address}|${f.findingKey}|${f.port ?? ''}`;
}

export type Compared<C, P> = {
  current: Array<C & { state: 'new' | 'open'; firstSeenAt: Date }>;
  fixed: P[];
};

/**
 * Compares this run with the previous one. A previous finding is "fixed" only when this run covered its
 * address (the caller also requires that the device answered) and finished: a narrower or cancelled run proves nothing about the addresses it did not reach.
 */
export function compareWithPrevious<
  C extends FindingIdentity,
  P extends FindingIdentity & { state: string; firstSeenAt: Date },
>(
  current: C[],
  previous: P[],
  covered: (address: string) => boolean,
  finished: boolean,
  now: Date,
): Compared<C, P> {
  const before = new Map<string, P>();
  for (const p of previous) if (p.state !== 'fixed') before.set(identityOf(p), p);
  const seen = new Set<string>();
  const out: Compared<C, P>['current'] = [];
  for (const c of current) {
    const id = identityOf(c);
    if (seen.has(id)) continue;
    seen.add(id);
    const prior = before.get(id);
    out.push({ ...c, state: prior ? 'open' : 'new', firstSeenAt: prior?.firstSeenAt ?? now });
  }
  const fixed = finished
    ? [...before.entries()].filter(([id, p]) => !seen.has(id) && covered(p.address)).map(([, p]) => p)
    : [];
  return { current: out, fixed };
}
