import type { Role } from '../contract-types';

/**
 * What each role may do, mirrored from the server's route rules (src/<capability>/routes.ts) so the
 * console hides what a role cannot use. The server still decides; this only spares useless buttons.
 */
const RULES = {
  manageUnits: ['admin'],
  readUsers: ['admin', 'unit_officer', 'viewer'],
  manageUsers: ['admin', 'unit_officer'],
  manageTokens: ['admin', 'unit_officer'],
  readAudit: ['admin', 'unit_officer', 'viewer'],
  readJobs: ['admin', 'unit_officer', 'on_duty', 'viewer'],
  verifyAudit: ['admin'],
  cancelJobs: ['admin', 'unit_officer'],
  // src/inventory/routes.ts READERS / WRITERS
  readInventory: ['admin', 'unit_officer', 'on_duty', 'viewer'],
  manageInventory: ['admin', 'unit_officer'],
  // src/vulns/routes.ts: advisories are public data every reading role sees; only admins import them
  readVulns: ['admin', 'unit_officer', 'on_duty', 'viewer'],
  importFeeds: ['admin'],
  // src/vulns/findings-routes.ts and alerts-routes.ts
  readFindings: ['admin', 'unit_officer', 'on_duty', 'viewer'],
  manageFindings: ['admin', 'unit_officer'],
  rematchFindings: ['admin'],
  manageAlerts: ['admin'],
  // notify + watch (alerts and 24/7 duty): src/watch/routes.ts, src/notify/routes.ts
  readWatch: ['admin', 'unit_officer', 'on_duty', 'viewer'],
  readNotify: ['admin', 'unit_officer', 'on_duty'],
  // src/incidents/routes.ts readers / handlers, contacts-routes.ts
  readIncidents: ['admin', 'unit_officer', 'on_duty', 'viewer'],
  handleIncidents: ['admin', 'unit_officer', 'on_duty'],
  manageIncidentContacts: ['admin'],
  // src/directives/routes.ts readers (providers only see their own tasks)
  readDirectives: ['admin', 'unit_officer', 'on_duty', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof RULES;

export function can(role: Role, permission: Permission): boolean {
  return (RULES[permission] as readonly Role[]).includes(role);
}

export const ALL_ROLES: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'provider', 'viewer'];

// Nobody grants more than they hold (src/core/access.ts GRANTABLE).
const GRANTABLE: Record<Role, readonly Role[]> = {
  admin: ALL_ROLES,
  unit_officer: ['unit_officer', 'viewer'],
  on_duty: [],
  provider: [],
  viewer: [],
};

export function grantableRoles(role: Role): readonly Role[] {
  return GRANTABLE[role];
}
