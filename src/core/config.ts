import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the platform, parsed once at boot. Nothing else reads process.env.
 * Each variable has a working default so that `npm start` needs none of them.
 */
const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  CANHGAC_DATA_DIR: z.string().min(1).default('./data'),
  CANHGAC_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** 32 bytes as 64 hex characters; else a key file in the data folder is created and used. */
  CANHGAC_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  /** Set when the platform is served behind an HTTPS reverse proxy: cookies become Secure. */
  CANHGAC_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Run the background job worker in this process (turn off on pure API nodes). */
  CANHGAC_WORKER: z.enum(['true', 'false']).default('true'),
  /** The address people reach the platform at: acknowledge links in alert messages point here. */
  CANHGAC_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Monitoring: log ingest. Receivers are off unless a port is set.
  CANHGAC_SYSLOG_HOST: z.string().min(1).default('127.0.0.1'),
  CANHGAC_SYSLOG_UDP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CANHGAC_SYSLOG_TCP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CANHGAC_SYSLOG_TLS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CANHGAC_SYSLOG_TLS_CERT: z.string().min(1).optional(),
  CANHGAC_SYSLOG_TLS_KEY: z.string().min(1).optional(),
  CANHGAC_SYSLOG_MAX_FRAME: z.coerce
    .number()
    .int()
    .min(480)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  CANHGAC_INGEST_BATCH: z.coerce.number().int().min(1).max(50_000).default(2000),
  CANHGAC_INGEST_FLUSH_MS: z.coerce.number().int().min(1).max(10_000).default(100),
  CANHGAC_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type Config = {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  secretKeyHex: string | undefined;
  trustProxy: boolean;
  runWorker: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** CANHGAC_PUBLIC_URL, else http://HOST:PORT. */
  publicUrl: string;
  ingest: IngestConfig;
};

export type IngestConfig = {
  host: string;
  udpPort: number | undefined;
  tcpPort: number | undefined;
  tls: { port: number; certFile: string; keyFile: string } | undefined;
  maxFrame: number;
  batchSize: number;
  flushMs: number;
  retentionDays: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.CANHGAC_SYSLOG_TLS_PORT && !(e.CANHGAC_SYSLOG_TLS_CERT && e.CANHGAC_SYSLOG_TLS_KEY)) {
    throw new ConfigError([
      'CANHGAC_SYSLOG_TLS_PORT: needs CANHGAC_SYSLOG_TLS_CERT and CANHGAC_SYSLOG_TLS_KEY (PEM files)',
    ]);
  }
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CANHGAC_DATA_DIR),
    adminPassword: e.CANHGAC_ADMIN_PASSWORD,
    secretKeyHex: e.CANHGAC_SECRET_KEY,
    trustProxy: e.CANHGAC_TRUST_PROXY === 'true',
    runWorker: e.CANHGAC_WORKER === 'true',
    logLevel: e.LOG_LEVEL,
    publicUrl: e.CANHGAC_PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    ingest: {
      host: e.CANHGAC_SYSLOG_HOST,
      udpPort: e.CANHGAC_SYSLOG_UDP_PORT,
      tcpPort: e.CANHGAC_SYSLOG_TCP_PORT,
      tls: e.CANHGAC_SYSLOG_TLS_PORT
        ? {
            port: e.CANHGAC_SYSLOG_TLS_PORT,
            certFile: e.CANHGAC_SYSLOG_TLS_CERT!,
            keyFile: e.CANHGAC_SYSLOG_TLS_KEY!,
          }
        : undefined,
      maxFrame: e.CANHGAC_SYSLOG_MAX_FRAME,
      batchSize: e.CANHGAC_INGEST_BATCH,
      flushMs: e.CANHGAC_INGEST_FLUSH_MS,
      retentionDays: e.CANHGAC_EVENTS_RETENTION_DAYS,
    },
  };
}
