import { CRITERIA, type CriterionId } from './audit/criteria.js';

/**
 * The join between the DB-free audit engine (its stable ids in audit/criteria.ts) and the register's
 * criteria catalogue (criteria-catalogue.ts). Only catalogue criteria checked `automated` appear here: a
 * remote check proves those and nothing else. Decision 724 has no automated item for known CVEs or
 * outdated firmware (its vendor-portal and secure-update items are manual), so QD724-VULN and QD724-UPDATE
 * land on the QCVN 135 items that the same evidence proves.
 */
export const AUDIT_TO_CATALOGUE = {
  'QD724-PASSWORD': ['qd724.password.forced-change', 'qd724.password.unique-per-device'],
  'QD724-AUTH': ['qd724.auth.required'],
  'QD724-BRUTEFORCE': ['qd724.bruteforce.lockout'],
  'QD724-VULN': ['qcvn135.vuln.known-cve'],
  'QD724-UPDATE': ['qcvn135.update.firmware-current'],
  'QD724-CHANNEL': ['qd724.channel.encrypted'],
  'QD724-CONFIG-ACCESS': ['qd724.config.secure-access'],
  'QD724-DATA-VN': ['qd724.data.vietnam-storage'],
  'QCVN135-G1': ['qcvn135.auth.default-password'],
  'QCVN135-G2': ['qcvn135.vuln.known-cve'],
  'QCVN135-G3': ['qcvn135.update.firmware-current'],
  'QCVN135-G5': ['qcvn135.channel.encrypted'],
  'QCVN135-G6': ['qcvn135.interface.exposed-services'],
  'QCVN135-G7': ['qcvn135.auth.unauthenticated-access'],
} as const satisfies Record<CriterionId, readonly string[]>;

function isAuditCriterion(id: string): id is CriterionId {
  return Object.hasOwn(CRITERIA, id);
}

/** Catalogue keys a finding's audit criteria speak to, deduplicated; unknown ids are dropped. */
export function catalogueKeysFor(auditCriteria: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const id of auditCriteria) {
    if (isAuditCriterion(id)) for (const key of AUDIT_TO_CATALOGUE[id]) keys.add(key);
  }
  return [...keys];
}

/** Every catalogue key the audit can prove: the set it records a pass or a fail for on each camera. */
export const AUDITED_CATALOGUE_KEYS: readonly string[] = [
  ...new Set(Object.values(AUDIT_TO_CATALOGUE).flat()),
];
