import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; when
 * CANHGAC_TEST_DATABASE_URL points at a PostgreSQL server (CI's second pass), a new database on it.
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.CANHGAC_TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    await migrateDatabase(database);
    return database;
  }
  const name = `canhgac_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrateDatabase(database);
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      // pg's pool.end() returns before its sockets are closed; a forced drop would kill them mid-close
      // and surface as an uncaught FATAL 57P01. Wait for the sessions to go instead (bounded), then force.
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      try {
        for (let attempt = 0; attempt < 50; attempt++) {
          const { rows } = await cleaner.query(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await cleaner.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}

export const onPostgres = Boolean(process.env.CANHGAC_TEST_DATABASE_URL);
