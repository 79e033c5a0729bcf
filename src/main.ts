import path from 'node:path';
import { type Config, ConfigError, loadConfig } from './core/config';
import { systemCtx } from './core/context';
import { acquireDataLock, type DataLock } from './core/data-lock';
import { createLogger } from './core/log';
import { projectRoot } from './core/project-root';
import { readVersion } from './core/version';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { buildApp } from './http/app';
import { bootstrapFirstAdmin } from './units/bootstrap';

/** Printed once, on the console only (never the log): the generated first password. */
function announceFirstAdmin(username: string, password: string, url: string) {
  process.stdout.write(
    [
      '',
      '================================================================',
      ` Canh Gác: tài khoản quản trị đầu tiên / first admin account`,
      `   Địa chỉ / URL:        ${url}`,
      `   Tên đăng nhập / user: ${username}`,
      `   Mật khẩu / password:  ${password}`,
      ' Mật khẩu này chỉ hiện một lần; hãy đổi ngay khi đăng nhập.',
      ' This password is shown once; you must change it at first sign-in.',
      '================================================================',
      '',
    ].join('\n'),
  );
}

export async function startServer(config: Config) {
  const log = createLogger(config.logLevel);
  let lock: DataLock | undefined;
  if (!config.databaseUrl) lock = acquireDataLock(config.dataDir, 'server');
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : config.dataDir,
  });
  await migrateDatabase(database);
  const boot = await bootstrapFirstAdmin(systemCtx(database.db, log, 'bootstrap'), config.adminPassword);
  const app = await buildApp({
    database,
    log,
    version: readVersion(),
    trustProxy: config.trustProxy,
    webRoot: path.join(projectRoot(), 'web', 'dist'),
  });
  const address = await app.listen({ host: config.host, port: config.port });
  log.info({ address, database: database.kind }, 'Canh Gác is serving');
  if (boot.created && boot.generatedPassword)
    announceFirstAdmin(boot.username, boot.generatedPassword, address);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close();
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return { app, database, log };
}

const isEntry = process.argv[1] && /main\.(ts|js|mjs)$/.test(process.argv[1]);
if (isEntry) {
  try {
    await startServer(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}
