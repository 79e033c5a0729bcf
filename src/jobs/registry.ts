import type { Logger } from 'pino';
import type { z } from 'zod';
// cameras: audit runs (issue 4)
import { CAMERA_JOB_KINDS } from '../cameras/runs/jobs';
import type { Ctx } from '../core/context';
// directives
import { DIRECTIVE_JOB_KINDS } from '../directives/reminders';
import { INCIDENT_JOB_KINDS } from '../incidents/reminders';
import { EVENT_JOB_KINDS } from '../monitoring/events/retention';
// monitoring: rules management (backtest)
import { SIGMA_JOB_KINDS } from '../monitoring/rules/backtest-run';
import { NOTIFY_JOB_KINDS } from '../notify/jobs';
import { FEED_SYNC_JOB_KINDS } from '../vulns/feeds/sync/job';
import { VULN_JOB_KINDS } from '../vulns/jobs';
import { WATCH_JOB_KINDS } from '../watch/jobs';
import { BUILTIN_JOB_KINDS } from './builtin';
import type { JobTitle } from './contract';

/** What a running job may use. */
export type JobTools = {
  /**
   * Reports 0..100 and an optional short message. It never waits for the database (so it is safe to
   * call inside a transaction on PGlite's single connection); writes are throttled to two a second.
   */
  progress(percent: number, message?: string): Promise<void>;
  log: Logger;
  /** Aborted when the job is cancelled, when this node stops, or when the node lost the job's lease. */
  signal: AbortSignal;
  /** The platform's own context (systemCtx), tied to the job's unit when it has one. */
  ctx: Ctx;
};

/**
 * One kind of background work. The payload is checked against `payload` when the job is queued and
 * again when it runs. Payloads are stored and audited in clear: refer to secrets by id, never carry them.
 */
export type JobKind<S extends z.ZodType = z.ZodType> = {
  kind: string;
  title: JobTitle;
  payload: S;
  /** Attempts before the job is marked failed; 3 when absent. */
  maxAttempts?: number;
  run(payload: z.output<S>, tools: JobTools): Promise<unknown>;
};

export const DEFAULT_MAX_ATTEMPTS = 3;

// Every kind the platform runs. A capability adds its own list here (e.g. ...VULN_JOB_KINDS).
const JOB_KINDS: readonly JobKind[] = [
  ...BUILTIN_JOB_KINDS,
  ...VULN_JOB_KINDS,
  // vulns: online feed sync (off by default)
  ...FEED_SYNC_JOB_KINDS,
  // notify + watch (alerts and 24/7 duty)
  ...NOTIFY_JOB_KINDS,
  ...WATCH_JOB_KINDS,
  // incidents
  ...INCIDENT_JOB_KINDS,
  // directives
  ...DIRECTIVE_JOB_KINDS,
  // monitoring: log ingest
  ...EVENT_JOB_KINDS,
  // cameras: audit runs (issue 4)
  ...CAMERA_JOB_KINDS,
  // monitoring: rules management (backtest)
  ...SIGMA_JOB_KINDS,
];

const byName = new Map<string, JobKind>();
for (const kind of JOB_KINDS) addKind(kind);

function addKind(kind: JobKind): void {
  if (byName.has(kind.kind)) throw new Error(`job kind ${kind.kind} is registered twice`);
  byName.set(kind.kind, kind);
}

export function findJobKind(kind: string): JobKind | undefined {
  return byName.get(kind);
}

export function jobKindNames(): string[] {
  return [...byName.keys()];
}

/** The kind's title; a kind this build no longer knows shows its bare name. */
export function jobTitle(kind: string): JobTitle {
  return byName.get(kind)?.title ?? { vi: kind, en: kind };
}

/** Adds a kind at run time: for tests, which need kinds that fail, wait or count on purpose. */
export function registerJobKind<S extends z.ZodType>(kind: JobKind<S>): void {
  addKind(kind as unknown as JobKind);
}
