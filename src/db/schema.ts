// The whole schema, for the Drizzle client's relational typing. Each table lives beside its capability.
export * from '../auth/schema';
export * from '../core/schema';
export * from '../inventory/schema';
export * from '../jobs/schema';
export * from '../monitoring/schema';
export * from '../units/schema';
export * from '../users/schema';
export * from '../vulns/schema';
