import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA } from './findings-queries';
import type { MatchIndex } from './match/index';
import type { MatchVerdict } from './model';
import { findingRowsOf, hostVerdicts, type RowContext } from './rematch-rows';

const UNIT = '00000000-0000-4000-8000-000000000001';

function context(overrides: Partial<RowContext> = {}): RowContext {
  const index = {
    exploited: (cve: string) => (cve === 'CVE-2024-26169' ? { msrc: true } : undefined),
    vulnerability: () => ({ severities: [{ value: 'Important', productIds: ['11568'] }] }),
  } as unknown as MatchIndex;
  return { index, merged: new Map(), sla: DEFAULT_SLA, ...overrides };
}

function verdict(cve: string, overrides: Partial<MatchVerdict> = {}): MatchVerdict {
  return {
    hostId: 'h1',
    cve,
    status: 'vulnerable',
    productId: '11568',
    productName: 'Windows 10 Version 22H2 for x64-based Systems',
    fixKb: 'KB5035845',
    fixedBuild: '10.0.19045.4170',
    observed: '10.0.19045.4046',
    rule: 'windows-build',
    confidence: 'high',
    ...overrides,
  };
}

describe('host fingerprints (what a re-match would write)', () => {
  const a = verdict('CVE-2024-26169');
  const b = verdict('CVE-2024-21407');

  it('does not depend on the order of the verdicts', () => {
    expect(hostVerdicts(context(), UNIT, [a, b]).fingerprint).toBe(
      hostVerdicts(context(), UNIT, [b, a]).fingerprint,
    );
  });

  it('changes with any written value: observed build, verdict, unit, SLA days, alert deadline', () => {
    const base = hostVerdicts(context(), UNIT, [a, b]).fingerprint;
    const variants = [
      hostVerdicts(context(), UNIT, [a, verdict('CVE-2024-21407', { observed: '10.0.19045.4047' })]),
      hostVerdicts(context(), UNIT, [a, verdict('CVE-2024-21407', { status: 'unknown' })]),
      hostVerdicts(context(), '00000000-0000-4000-8000-000000000002', [a, b]),
      hostVerdicts(context({ sla: { ...DEFAULT_SLA, highDays: 20 } }), UNIT, [a, b]),
      hostVerdicts(context({ alertDeadlines: new Map([['CVE-2024-21407', '2024-03-31']]) }), UNIT, [a, b]),
      hostVerdicts(context(), UNIT, [a]),
    ].map((v) => v.fingerprint);
    for (const other of variants) expect(other).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('keeps one verdict per CVE and product, "vulnerable" over "unknown", and drops "fixed"', () => {
    const unknown = verdict('CVE-2024-26169', { status: 'unknown', reason: 'no UBR' });
    const fixed = verdict('CVE-2024-1', { status: 'fixed' });
    const found = hostVerdicts(context(), UNIT, [unknown, a, fixed, b]);
    expect(found.verdicts).toHaveLength(2);
    expect(found.vulnerable).toBe(2);
    expect(found.fingerprint).toBe(hostVerdicts(context(), UNIT, [a, b]).fingerprint);
  });

  it('builds the rows with the severity and the SLA days (exploited: the short clock)', () => {
    const rows = findingRowsOf(context(), 'h1', UNIT, [a, b]);
    expect(rows.map((r) => [r.cve, r.severity, r.exploited, r.dueDays])).toEqual([
      ['CVE-2024-26169', 'high', true, 7],
      ['CVE-2024-21407', 'high', false, 30],
    ]);
  });
});
