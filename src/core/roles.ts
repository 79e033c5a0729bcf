/** The roles of the platform (PRODUCT.md "Who uses it"). Unit scope is separate: see access.ts. */
export const ROLES = ['admin', 'unit_officer', 'on_duty', 'provider', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
