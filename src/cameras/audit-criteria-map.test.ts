import { describe, expect, it } from 'vitest';
import { BREAKS, CRITERIA } from './audit/criteria';
import { AUDIT_TO_CATALOGUE, AUDITED_CATALOGUE_KEYS, catalogueKeysFor } from './audit-criteria-map';
import { BUILTIN_CRITERIA_SETS } from './criteria-catalogue';

const catalogue = new Map(BUILTIN_CRITERIA_SETS.flatMap((s) => s.criteria.map((c) => [c.key, c] as const)));

describe('audit criterion ids → catalogue criteria', () => {
  it('maps every audit criterion to at least one existing, automated, camera-applicable criterion', () => {
    for (const id of Object.keys(CRITERIA)) {
      const keys = AUDIT_TO_CATALOGUE[id as keyof typeof AUDIT_TO_CATALOGUE];
      expect(keys, id).toBeDefined();
      expect(keys.length, id).toBeGreaterThan(0);
      for (const key of keys) {
        const criterion = catalogue.get(key);
        expect(criterion, `${id} → ${key}`).toBeDefined();
        expect(criterion?.check, key).toBe('automated');
        expect(['camera', 'both'], key).toContain(criterion?.scope);
      }
    }
  });

  it('has no entry for an id the audit does not define', () => {
    for (const id of Object.keys(AUDIT_TO_CATALOGUE)) expect(Object.keys(CRITERIA)).toContain(id);
  });

  it('gives every kind of finding a catalogue criterion', () => {
    for (const [kind, ids] of Object.entries(BREAKS))
      expect(catalogueKeysFor(ids).length, kind).toBeGreaterThan(0);
  });

  it('deduplicates and drops ids it does not know', () => {
    expect(catalogueKeysFor(['QD724-VULN', 'QCVN135-G2', 'NOPE'])).toEqual(['qcvn135.vuln.known-cve']);
    expect(AUDITED_CATALOGUE_KEYS).toContain('qd724.bruteforce.lockout');
  });
});
