/**
 * The one internal model every advisory source is mapped into (VULNS.md §2: "build one internal model and
 * map both CVRF and CSAF into it"), and the host facts the matcher reads. Pure types: parsers produce
 * them, storage persists them, the matcher consumes them. Dates are real instants (UTC) or plain
 * calendar dates ('YYYY-MM-DD') where the source gives only a day.
 */

import type { C2rBuild } from './match/c2r-builds';

export type AdvisorySource = 'msrc-cvrf' | 'msrc-csaf' | 'kev' | 'nvd' | 'cve5' | 'epss' | 'c2r-builds';

/** A product as one source names it (MSRC ProductID 12097 = "Windows 10 Version 22H2 for x64-based Systems"). */
export type SourceProduct = {
  id: string;
  name: string;
  /** MSRC branch family ("Windows", "ESU", "Microsoft Office", "Developer Tools"…), when the source gives one. */
  family?: string;
};

export type CvssScore = {
  version: '2.0' | '3.0' | '3.1' | '4.0';
  baseScore: number;
  vector?: string;
  temporalScore?: number;
  /** Who scored it: "microsoft", "nvd@nist.gov", a CNA short name… */
  source: string;
  /** The source's products this score applies to (MSRC scores per product); empty = all. */
  productIds: string[];
};

export type RemediationKind =
  | 'vendor_fix'
  | 'known_issue'
  | 'mitigation'
  | 'workaround'
  | 'will_not_fix'
  | 'other';
/** MSRC SubType, normalised: 2024 spells hotpatch three ways (VULNS.md §2.1). */
export type RemediationLine =
  | 'security_update'
  | 'monthly_rollup'
  | 'security_only'
  | 'hotpatch'
  | 'ie_cumulative'
  | 'click_to_run'
  | 'release_notes'
  | 'other';

export type Remediation = {
  kind: RemediationKind;
  line: RemediationLine;
  /** The raw SubType text, kept as evidence. */
  subType?: string;
  productIds: string[];
  /** "KB5023696" form when the description is a KB number. */
  kb?: string;
  /** The raw FixedBuild text ("10.0.19045.2728", "https://aka.ms/OfficeSecurityReleases", "15.2 CU12"…). */
  fixedBuild?: string;
  /** One-hop supersedence as MSRC writes it ("Supercedence"): KB form. */
  supersedes?: string[];
  url?: string;
  description?: string;
  restartRequired?: boolean;
};

/**
 * A version range as OSV models it: affected from `introduced` (inclusive) until `fixed` (exclusive) or
 * through `lastAffected` (inclusive); `exact` for one version. Used by CSAF, CVE 5 and NVD CPE matches.
 */
export type VersionRange = {
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
  exact?: string;
  /** How to compare: CVE 5 versionType or the parser's best knowledge. */
  scheme?: string;
};

export type AffectedProduct = {
  productId: string;
  /** Free-text identity for sources without product ids (CVE 5 vendor/product, NVD CPE criteria). */
  vendor?: string;
  product?: string;
  cpe?: string;
  ranges: VersionRange[];
  /** 'affected' unless the source says 'unaffected' / 'fixed' explicitly for this entry. */
  status: 'affected' | 'unaffected' | 'fixed' | 'unknown';
};

/** NVD configuration: nodes of CPE matches combined with AND/OR, with platform (vulnerable:false) nodes. */
export type CpeMatch = {
  criteria: string;
  vulnerable: boolean;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
};
export type CpeNode = { operator: 'AND' | 'OR'; negate: boolean; matches: CpeMatch[] };
export type CpeConfiguration = { operator: 'AND' | 'OR'; nodes: CpeNode[] };

export type Vulnerability = {
  cve: string;
  title?: string;
  description?: string;
  /** MSRC severity ("Critical", "Important", "Moderate", "Low") per product, or one for all. */
  severities: { value: string; productIds: string[] }[];
  /** MSRC impact ("Remote Code Execution", "Security Feature Bypass"…). */
  impacts: { value: string; productIds: string[] }[];
  cvss: CvssScore[];
  /** MSRC "Exploited:Yes", CVE 5 ADP SSVC "active"/KEV: true; "No": false; not said: undefined. */
  exploited?: boolean;
  publiclyDisclosed?: boolean;
  cwes: string[];
  affected: AffectedProduct[];
  remediations: Remediation[];
  configurations: CpeConfiguration[];
  publishedAt?: Date;
  updatedAt?: Date;
  references: string[];
};

export type KevEntry = {
  cve: string;
  vendorProject: string;
  product: string;
  name: string;
  /** Calendar dates as the catalogue gives them. */
  dateAdded: string;
  dueDate: string;
  requiredAction: string;
  shortDescription: string;
  /** "Known" → true, "Unknown" → false; absent in old catalogue versions → undefined. */
  knownRansomware?: boolean;
  notes: string[];
  cwes: string[];
};

export type EpssScore = { cve: string; epss: number; percentile?: number };

/** What one parsed file contributes. A file is one document of one source. */
export type ParsedFeed = {
  source: AdvisorySource;
  /** Stable id of the document within its source: "2024-Apr", "kev", "CVE-2023-24880", "epss:2023-03-07". */
  documentId: string;
  title?: string;
  /** The document's current release / last-modified instant: re-imports keep the newest. */
  releasedAt?: Date;
  revision?: string;
  products: SourceProduct[];
  vulnerabilities: Vulnerability[];
  kev: KevEntry[];
  epss: EpssScore[];
  /** EPSS model/date line when present. */
  scoreDate?: string;
  /** Office Click-to-Run builds per channel (source 'c2r-builds'). */
  c2rBuilds?: C2rBuild[];
  modelVersion?: string;
};

/** A parse failure that names the file, the place and the reason (line/column, JSON path or record index). */
export class FeedParseError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${file}: ${where}: ${reason}`);
    this.name = 'FeedParseError';
  }
}

// ---- Hosts, as the matcher sees them (inventory maps its stored rows into this) -------------------

export type HostFacts = {
  hostId: string;
  os?: {
    /** Registry ProductName as reported ("Windows 10 Pro" even on Windows 11: derive from the build). */
    productName?: string;
    editionId?: string;
    displayVersion?: string;
    /** CurrentBuildNumber, e.g. 19045. */
    build: number;
    /** Update Build Revision, e.g. 2673; undefined when the collector could not read it. */
    ubr?: number;
    /** "x64" | "x86" | "arm64" */
    architecture?: string;
    /** "Client" | "Server" | "Server Core" */
    installationType?: string;
    /** Azure Edition hotpatch enrolment, when known: the hotpatch line then counts as a fix. */
    hotpatch?: boolean;
  };
  /** Installed KBs, "KB5023696" form. Evidence and fallback only (VULNS.md §4.1). */
  hotfixes: string[];
  programs: { name: string; version?: string; publisher?: string }[];
  office?: {
    clickToRun?: { version: string; channel?: string; platform?: string };
    /** MSI Office component file versions, e.g. { outlook: "16.0.5387.1000" }. */
    msiFiles?: Record<string, string>;
  };
  exchange?: { version: string };
};

export type MatchStatus = 'vulnerable' | 'fixed' | 'unknown';

/** One verdict per host × CVE × product line, with the evidence that decided it. */
export type MatchVerdict = {
  hostId: string;
  cve: string;
  status: MatchStatus;
  productId?: string;
  productName?: string;
  /** The fixing KB and/or build on the host's servicing line. */
  fixKb?: string;
  fixedBuild?: string;
  /** What the host has: "10.0.19045.2673", "16.0.16130.20306 (Current)". */
  observed?: string;
  /** Which rule decided: 'windows-build', 'office-msi-file', 'office-c2r-channel', 'exchange-version', 'kb-fallback', 'range'. */
  rule: string;
  confidence: 'high' | 'medium' | 'low';
  /** Why a verdict is unknown, in plain words (shown to the user). */
  reason?: string;
};
