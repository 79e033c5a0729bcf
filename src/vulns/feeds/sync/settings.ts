import { recordAudit } from '../../../core/audit';
import { type Ctx, inTransaction } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { platformSecretBox } from '../../../core/secrets';
import type { Executor } from '../../../db/client';
import { nextCronRun, upsertSchedule } from '../../../jobs/service';
import {
  DEFAULT_BASE_URLS,
  DEFAULT_MICROSOFT_SINCE,
  DEFAULT_NVD_INITIAL_DAYS,
  DEFAULT_SOURCE_ENABLED,
  DEFAULT_SYNC_CRON,
  type FeedSyncSettings,
  type FeedSyncSettingsUpdate,
  type SourceSettings,
  SYNC_SOURCES,
} from './contract';
import { FEEDS_SYNC, FEEDS_SYNC_SCHEDULE } from './names';
import { type FeedSyncSettingsRow, findSettingsRow, saveSettingsRow } from './queries';

type Secrets = { nvdApiKey?: string; proxyAuth?: string };
export type ResolvedSyncSettings = Omit<FeedSyncSettingsRow, 'id' | 'sealedSecrets' | 'updatedAt'> & {
  updatedAt: Date | null;
  secrets: Secrets;
};

function defaultSources(): SourceSettings {
  const entries = SYNC_SOURCES.map((s) => [
    s,
    { enabled: DEFAULT_SOURCE_ENABLED[s], baseUrl: DEFAULT_BASE_URLS[s] },
  ]);
  return Object.fromEntries(entries) as SourceSettings;
}

/** The stored settings, or the defaults (sync off) when an administrator never saved any. */
export async function loadSyncSettings(db: Executor): Promise<ResolvedSyncSettings> {
  const row = await findSettingsRow(db);
  if (!row) {
    return {
      enabled: false,
      cron: DEFAULT_SYNC_CRON,
      sources: defaultSources(),
      proxyUrl: null,
      microsoftSince: DEFAULT_MICROSOFT_SINCE,
      nvdInitialDays: DEFAULT_NVD_INITIAL_DAYS,
      updatedAt: null,
      updatedBy: null,
      secrets: {},
    };
  }
  const { id: _id, sealedSecrets, ...rest } = row;
  // A source added in a later version gets its default until the administrator saves again.
  const sources = { ...defaultSources(), ...row.sources };
  const secrets = sealedSecrets ? (JSON.parse(platformSecretBox().open(sealedSecrets)) as Secrets) : {};
  return { ...rest, sources, secrets };
}

function toAnswer(settings: ResolvedSyncSettings): FeedSyncSettings {
  const { secrets, ...rest } = settings;
  return { ...rest, hasProxyAuth: Boolean(secrets.proxyAuth), hasNvdApiKey: Boolean(secrets.nvdApiKey) };
}

export async function getFeedSyncSettings(ctx: Ctx): Promise<FeedSyncSettings> {
  return toAnswer(await loadSyncSettings(ctx.db));
}

function mergedSecrets(current: Secrets, input: FeedSyncSettingsUpdate): Secrets {
  const next = { ...current };
  for (const key of ['nvdApiKey', 'proxyAuth'] as const) {
    if (input[key] === null) delete next[key];
    else if (input[key] !== undefined) next[key] = input[key];
  }
  return next;
}

/**
 * Saves the settings in one transaction with its audit row and the job schedule: turning sync on or
 * changing the cron takes effect at the next tick. Secrets are sealed; the audit names only what changed.
 */
export async function updateFeedSyncSettings(
  ctx: Ctx,
  input: FeedSyncSettingsUpdate,
): Promise<FeedSyncSettings> {
  if (input.cron !== undefined) {
    try {
      nextCronRun(input.cron, new Date());
    } catch {
      throw new AppError('FEED_SYNC_SETTINGS_INVALID', { problems: `cron: "${input.cron}"` });
    }
  }
  if (input.microsoftSince !== undefined && Number.isNaN(Date.parse(`${input.microsoftSince}T00:00:00Z`))) {
    throw new AppError('FEED_SYNC_SETTINGS_INVALID', { problems: `microsoftSince: ${input.microsoftSince}` });
  }
  return inTransaction(ctx, async (tx) => {
    const current = await loadSyncSettings(tx.db);
    const sources = { ...current.sources };
    for (const [source, change] of Object.entries(input.sources ?? {})) {
      const key = source as keyof SourceSettings;
      sources[key] = { ...sources[key], ...change };
    }
    const secrets = mergedSecrets(current.secrets, input);
    const next = {
      enabled: input.enabled ?? current.enabled,
      cron: input.cron ?? current.cron,
      sources,
      proxyUrl: input.proxyUrl === undefined ? current.proxyUrl : input.proxyUrl,
      microsoftSince: input.microsoftSince ?? current.microsoftSince,
      nvdInitialDays: input.nvdInitialDays ?? current.nvdInitialDays,
      sealedSecrets: Object.keys(secrets).length ? platformSecretBox().seal(JSON.stringify(secrets)) : null,
      updatedBy: ctx.actor.name,
    };
    const row = await saveSettingsRow(tx.db, next);
    await upsertSchedule(tx, {
      name: FEEDS_SYNC_SCHEDULE,
      kind: FEEDS_SYNC,
      cron: next.cron,
      payload: {},
      enabled: next.enabled,
    });
    const { nvdApiKey, proxyAuth, ...visible } = input;
    await recordAudit(tx, {
      action: 'feeds.sync_settings',
      targetType: 'feed_sync_settings',
      targetId: '1',
      unitId: null,
      // The secrets themselves never reach the audit trail: only that they changed.
      details: {
        ...visible,
        ...(nvdApiKey !== undefined ? { nvdApiKey: nvdApiKey === null ? 'cleared' : 'set' } : {}),
        ...(proxyAuth !== undefined ? { proxyAuth: proxyAuth === null ? 'cleared' : 'set' } : {}),
      },
    });
    const { id: _id, sealedSecrets: _sealed, ...rest } = row;
    return toAnswer({ ...rest, secrets });
  });
}
