import fs from 'node:fs';
import type { Logger } from 'pino';
import type { IngestConfig } from '../../core/config';
import type { Db } from '../../db/client';
import { setDefaultEventRetention } from '../events/retention';
import { IngestPipeline } from './pipeline';
import { type Receiver, startDatagramReceiver, startStreamReceiver } from './receivers';
import { SourceDirectory } from './source-directory';

export type IngestServer = { receivers: Receiver[]; pipeline: IngestPipeline; close(): Promise<void> };

/** Starts the receivers the configuration enables (none by default); called by the server at boot. */
export async function startIngest(config: IngestConfig, db: Db, log: Logger): Promise<IngestServer> {
  setDefaultEventRetention(config.retentionDays);
  const directory = new SourceDirectory(db);
  await directory.reload();
  const pipeline = new IngestPipeline({
    db,
    log,
    directory,
    batchSize: config.batchSize,
    flushMs: config.flushMs,
  });
  const refresh = setInterval(
    () => void directory.refreshIfStale().catch((err) => log.error({ err }, 'reloading log sources failed')),
    5_000,
  );
  refresh.unref();
  const receivers: Receiver[] = [];
  const common = { host: config.host, pipeline };
  if (config.udpPort) receivers.push(await startDatagramReceiver({ ...common, port: config.udpPort }));
  if (config.tcpPort)
    receivers.push(await startStreamReceiver({ ...common, port: config.tcpPort, maxFrame: config.maxFrame }));
  if (config.tls) {
    const tls = { key: fs.readFileSync(config.tls.keyFile), cert: fs.readFileSync(config.tls.certFile) };
    receivers.push(
      await startStreamReceiver({ ...common, port: config.tls.port, maxFrame: config.maxFrame, tls }),
    );
  }
  for (const r of receivers)
    log.info({ transport: r.stats.transport, address: r.stats.address }, 'syslog receiver listening');
  return {
    receivers,
    pipeline,
    async close() {
      clearInterval(refresh);
      for (const r of receivers) await r.close();
      await pipeline.close();
    },
  };
}
