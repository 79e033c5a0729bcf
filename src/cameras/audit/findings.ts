import type { Evidence, Finding, Target } from './types.js';

/** Builds a finding for a target; `evidence` excerpts are already redacted by the clients. */
export function finding(target: Target, check: string, f: Omit<Finding, 'check' | 'address'>): Finding {
  return { ...f, check, address: target.address, criteria: [...f.criteria] };
}

export function evidence(
  protocol: string,
  target: Target,
  port: number,
  request: string,
  response: string,
): Evidence {
  return { protocol, address: target.address, port, request, response };
}
