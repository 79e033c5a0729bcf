/**
 * Credential budget: cameras lock accounts after about 5 failures (CAMERAS.md §2.7), so the audit
 * spends at most `perProtocol` guesses per device and protocol and `perDevice` in all, and stops at
 * the first lockout sign. The counters are per run.
 */
export type BudgetLimits = { perProtocol: number; perDevice: number };

export const DEFAULT_BUDGET: BudgetLimits = { perProtocol: 3, perDevice: 4 };

export class CredentialBudget {
  private readonly used = new Map<string, number>();
  private readonly locked = new Set<string>();

  constructor(readonly limits: BudgetLimits = DEFAULT_BUDGET) {}

  /** Takes one attempt from the budget; false means: do not send it. */
  spend(address: string, protocol: string): boolean {
    if (this.locked.has(address)) return false;
    const dev = this.used.get(address) ?? 0;
    const proto = this.used.get(`${address}|${protocol}`) ?? 0;
    if (dev >= this.limits.perDevice || proto >= this.limits.perProtocol) return false;
    this.used.set(address, dev + 1);
    this.used.set(`${address}|${protocol}`, proto + 1);
    return true;
  }

  attempts(address: string): number {
    return this.used.get(address) ?? 0;
  }

  markLocked(address: string): void {
    this.locked.add(address);
  }

  isLocked(address: string): boolean {
    return this.locked.has(address);
  }
}
