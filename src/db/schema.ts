// The whole schema, for the Drizzle client's relational typing. Each table lives beside its capability.
export * from '../auth/schema';
// cameras: unit-supplied audit credentials (issue 4)
export * from '../cameras/credentials/schema';
// camera audit runs (issue 4)
export * from '../cameras/runs/schema';
export * from '../cameras/schema';
export * from '../core/schema';
// directives (issue 6)
export * from '../directives/schema';
export * from '../files/schema';
export * from '../incidents/schema';
export * from '../inventory/schema';
export * from '../jobs/schema';
// Monitoring: Sigma rules store (detection in the server)
export * from '../monitoring/rules/schema';
export * from '../monitoring/schema';
// notify + watch (alerts and 24/7 duty)
export * from '../notify/schema';
export * from '../units/schema';
export * from '../users/schema';
export * from '../vulns/feeds/sync/schema';
export * from '../vulns/schema';
export * from '../watch/schema';
