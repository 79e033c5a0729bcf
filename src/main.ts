import path from 'node:path';
import { type Config, ConfigError, loadConfig } from './core/config';
import { systemCtx } from './core/context';
import { acquireDataLock, type DataLock } from './core/data-lock';
import { AppError, formatMessage } from './core/errors';
import { createLogger } from './core/log';
import { projectRoot } from './core/project-root';
import { setPublicUrl } from './core/public-url';
import { createSecretBox, loadSecretKey, setPlatformSecretBox } from './core/secrets';
import { readVersion } from './core/version';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { buildApp } from './http/app';
import { ensureBuiltinSchedules } from './jobs/service';
import { startJobWorker } from './jobs/worker';
import { startIngest } from './monitoring/ingest/server';
import { bootstrapFirstAdmin, firstAdminBanner } from './units/bootstrap';

export async function startServer(config: Config) {
  const log = createLogger(config.logLevel);
  let lock: DataLock | undefined;
  if (!config.databaseUrl) lock = acquireDataLock(config.dataDir, 'server');
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : config.dataDir,
  });
  await migrateDatabase(database);
  // Channel secrets are sealed with the platform key; alert messages link back to the public address.
  setPlatformSecretBox(createSecretBox(loadSecretKey(config.dataDir, config.secretKeyHex)));
  setPublicUrl(config.publicUrl);
  const boot = await bootstrapFirstAdmin(systemCtx(database.db, log, 'bootstrap'), config.adminPassword);
  const app = await buildApp({
    database,
    log,
    version: readVersion(),
    trustProxy: config.trustProxy,
    webRoot: path.join(projectRoot(), 'web', 'dist'),
  });
  if (config.runWorker) await ensureBuiltinSchedules(database.db, log);
  const worker = config.runWorker ? startJobWorker({ db: database.db, log }) : undefined;
  const address = await app.listen({ host: config.host, port: config.port });
  // Monitoring: log ingest (syslog receivers, when enabled by configuration)
  const ingest = await startIngest(config.ingest, database.db, log);
  log.info({ address, database: database.kind }, 'Canh Gác is serving');
  if (boot.created && boot.generatedPassword) {
    process.stdout.write(firstAdminBanner(boot.username, boot.generatedPassword, address));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close();
    await ingest.close();
    await worker?.stop();
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return { app, database, log };
}

/** The process entry: `npm start` (scripts/start.mjs) and `node dist/main.js` both come here. */
export async function runMain(): Promise<void> {
  try {
    await startServer(loadConfig());
  } catch (error) {
    const message =
      error instanceof AppError
        ? `${formatMessage(error.code, 'vi', error.params)}\n${formatMessage(error.code, 'en', error.params)}`
        : (error as Error).message;
    process.stderr.write(`${message}\n`);
    process.exit(error instanceof ConfigError ? 1 : 2);
  }
}

if (process.argv[1] && /[\\/]main\.(ts|js)$/.test(process.argv[1])) await runMain();
