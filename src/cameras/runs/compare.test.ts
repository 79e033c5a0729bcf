import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from './compare';

const at = new Date('2026-01-01T00:00:00Z');
const now = new Date('2026-02-01T00:00:00Z');
const f = (
  address: string,
  findingKey: string,
  port: number | null = null,
  cameraId: string | null = null,
) => ({
  address,
  findingKey,
  port,
  cameraId,
});
const prev = (address: string, findingKey: string, state = 'new') => ({
  ...f(address, findingKey),
  state,
  firstSeenAt: at,
});

describe('compareWithPrevious', () => {
  it('marks new, still open (keeping first seen) and fixed', () => {
    const r = compareWithPrevious(
      [f('10.0.0.1', 'default-credentials'), f('10.0.0.2', 'telnet')],
      [prev('10.0.0.1', 'default-credentials'), prev('10.0.0.3', 'no-auth')],
      () => true,
      true,
      now,
    );
    expect(r.current.map((c) => [c.address, c.state, c.firstSeenAt])).toEqual([
      ['10.0.0.1', 'open', at],
      ['10.0.0.2', 'new', now],
    ]);
    expect(r.fixed.map((p) => p.address)).toEqual(['10.0.0.3']);
  });

  it('does not call fixed what the run did not reach, nor anything after a cancelled run', () => {
    const previous = [prev('10.0.0.3', 'no-auth')];
    expect(compareWithPrevious([], previous, (a) => a !== '10.0.0.3', true, now).fixed).toEqual([]);
    expect(compareWithPrevious([], previous, () => true, false, now).fixed).toEqual([]);
  });

  it('does not fix again what was already fixed, and drops duplicates of one identity', () => {
    const r = compareWithPrevious(
      [f('10.0.0.1', 'k', 80), f('10.0.0.1', 'k', 80), f('10.0.0.1', 'k', 81)],
      [prev('10.0.0.9', 'k', 'fixed')],
      () => true,
      true,
      now,
    );
    expect(r.current).toHaveLength(2);
    expect(r.fixed).toEqual([]);
  });
});
