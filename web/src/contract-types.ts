import type { z } from 'zod';
import type { AuditEntry as AuditEntryShape } from '../../src/audit/contract';
import type { ApiToken as ApiTokenShape, Me as MeShape } from '../../src/auth/contract';
import type {
  HostDetail as HostDetailShape,
  Host as HostShape,
  ImportSummary as ImportSummaryShape,
} from '../../src/inventory/contract';
import type { Unit as UnitShape } from '../../src/units/contract';
import type { User as UserShape } from '../../src/users/contract';
import type {
  AlertCreate as AlertCreateSchema,
  Alert as AlertShape,
  AlertStatus as AlertStatusSchema,
  AlertUnitStatus as AlertUnitStatusSchema,
} from '../../src/vulns/alerts-contract';
import type {
  AdvisoryDocument as AdvisoryDocumentSchema,
  FeedImportResult as FeedImportResultSchema,
  VulnerabilityDetail as VulnerabilityDetailSchema,
  VulnerabilitySummary as VulnerabilitySummaryShape,
} from '../../src/vulns/contract';
import type {
  Finding as FindingShape,
  FindingStatus as FindingStatusSchema,
  FindingSummary as FindingSummaryShape,
  FindingTrend as FindingTrendShape,
  Severity as SeveritySchema,
} from '../../src/vulns/findings-contract';
import type { KevEntry as KevEntryShape, Vulnerability as SourceRecordShape } from '../../src/vulns/model';

/** What a server shape looks like after JSON: dates travel as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; totalCapped?: boolean };

export type Me = Wire<MeShape>;
export type Unit = Wire<UnitShape>;
export type User = Wire<UserShape>;
export type ApiToken = Wire<ApiTokenShape>;
export type AuditEntry = Wire<AuditEntryShape>;
export type { Role } from '../../src/core/roles';
export type {
  HostCreate,
  HostCriticality,
  HostUpdate,
  InventoryImportBody,
} from '../../src/inventory/contract';
export type { UnitCreate, UnitUpdate } from '../../src/units/contract';
export type { UserCreate, UserUpdate } from '../../src/users/contract';
export type { AdvisorySource } from '../../src/vulns/model';

export type Host = Wire<HostShape>;
export type HostDetail = Wire<HostDetailShape>;
export type ImportSummary = Wire<ImportSummaryShape>;
export type AdvisoryDocument = Wire<z.infer<typeof AdvisoryDocumentSchema>>;
export type FeedImportResult = Wire<z.infer<typeof FeedImportResultSchema>>;
export type VulnerabilitySummary = Wire<VulnerabilitySummaryShape>;
export type VulnerabilityDetail = Wire<z.infer<typeof VulnerabilityDetailSchema>>;
/** What one source says about a CVE (the `record` of a detail's source; KEV records carry `kev`). */
export type SourceRecord = Wire<SourceRecordShape> & { kev?: Wire<KevEntryShape> };

export type Finding = Wire<FindingShape>;
export type FindingStatus = z.infer<typeof FindingStatusSchema>;
export type FindingSeverity = z.infer<typeof SeveritySchema>;
export type FindingSummary = Wire<FindingSummaryShape>;
export type FindingTrend = Wire<FindingTrendShape>;
export type { FindingUpdate } from '../../src/vulns/findings-contract';
export type Alert = Wire<AlertShape>;
/** What the admin's form sends: CVEs as pasted text (the server extracts the ids). */
export type AlertCreateBody = z.input<typeof AlertCreateSchema>;
export type AlertStatus = Wire<z.infer<typeof AlertStatusSchema>>;
export type AlertUnitStatus = Wire<z.infer<typeof AlertUnitStatusSchema>>;
