/**
 * Time from raiseAlert() to the on-duty person's notification reaching its peer, over N alerts
 * (default 1,000), one after another, through the whole path: the alert's transaction queues escalation
 * step 0, the job worker (woken in-process) runs it, which queues one e-mail and one webhook delivery, and
 * the worker sends them to a real SMTP server (smtp-server) and a node HTTP server on 127.0.0.1.
 * Baseline in the same run: the same number of raw sends (pooled nodemailer to the same SMTP peer; fetch
 * POST to the same webhook peer) with no database at all. In-memory PGlite, as tests run it.
 *
 *   npx tsx bench/notify.bench.ts [--alerts=1000]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { createSecretBox, setPlatformSecretBox } from '../src/core/secrets';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { startJobWorker } from '../src/jobs/worker';
import { closeSenders, createChannel } from '../src/notify/channels-service';
import { startHttpPeer, startSmtpPeer } from '../src/notify/test-peers';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';
import { createUser } from '../src/users/service';
import { raiseAlert } from '../src/watch/alerts/service';
import { createPolicy, createRoster } from '../src/watch/oncall/service';

const count = Number(process.argv.find((a) => a.startsWith('--alerts='))?.split('=')[1] ?? 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1)! };
}
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('notification did not arrive within 30 s');
    // A 1 ms sleep, not a spin: the worker shares this event loop and the machine's two cores.
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}

async function main() {
  const smtp = await startSmtpPeer();
  const hook = await startHttpPeer(() => ({ status: 200 }));
  const log = createLogger('silent');
  setPlatformSecretBox(createSecretBox(randomBytes(32)));

  // Baseline: raw sends, no database.
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    pool: true,
    maxConnections: 2,
  });
  const rawMail: number[] = [];
  const rawHook: number[] = [];
  const rawCpu0 = process.cpuUsage();
  const rawWall0 = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const n = smtp.mails.length;
    await transport.sendMail({
      from: 'a@soc.example.vn',
      to: 'b@soc.example.vn',
      subject: `raw ${i}`,
      text: 'x',
    });
    await waitUntil(() => smtp.mails.length > n);
    rawMail.push(smtp.mails.at(-1)!.at - t0);
    const t1 = performance.now();
    await fetch(`${hook.url}/raw`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    rawHook.push(hook.hits.at(-1)!.at - t1);
  }
  transport.close();
  const rawCpu = process.cpuUsage(rawCpu0);
  const rawWall = performance.now() - rawWall0;

  const database = await openDatabase({});
  await migrateDatabase(database);
  const sys = systemCtx(database.db, log, 'bench');
  await bootstrapFirstAdmin(sys, 'Bench-admin-password-1');
  const root = (await findRootUnit(database.db))!;
  const { user } = await createUser(sys, {
    unitId: root.id,
    username: 'truc-ban',
    displayName: 'Người trực',
    email: 'truc@soc.example.vn',
    role: 'on_duty',
    language: 'vi',
    password: 'Duty-password-for-bench-1',
  });
  const email = await createChannel(sys, {
    unitId: root.id,
    kind: 'email',
    name: 'SMTP',
    enabled: true,
    settings: {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      requireTls: false,
      verifyCertificate: true,
      from: 'canhgac@soc.example.vn',
    },
  });
  const webhook = await createChannel(sys, {
    unitId: root.id,
    kind: 'webhook',
    name: 'SOAR',
    enabled: true,
    settings: { url: `${hook.url}/alerts` },
  });
  const policy = await createPolicy(sys, {
    unitId: root.id,
    name: 'bench',
    steps: [{ target: 'on_duty', channelIds: [email.id, webhook.id], waitMinutes: 60 }],
  });
  await createRoster(sys, {
    unitId: root.id,
    name: 'bench',
    rotation: 'daily',
    handoffTime: '00:00',
    startDate: '2026-01-01',
    members: [user.id],
    policyId: policy.id,
    enabled: true,
  });
  // The default poll (2 s): only the in-process wake makes the path fast.
  const worker = startJobWorker({ db: database.db, log });

  const toMail: number[] = [];
  const toHook: number[] = [];
  const raiseMs: number[] = [];
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const mails = smtp.mails.length;
    const hits = hook.hits.length;
    const t0 = performance.now();
    await raiseAlert(sys, {
      unitId: root.id,
      ruleId: 'bench-rule',
      ruleTitle: 'Brute force',
      ruleAuthor: 'bench',
      level: 'high',
      groupKey: `k${i}`,
    });
    raiseMs.push(performance.now() - t0);
    await waitUntil(() => smtp.mails.length > mails && hook.hits.length > hits);
    toMail.push(smtp.mails.at(-1)!.at - t0);
    toHook.push(hook.hits.at(-1)!.at - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await worker.stop();
  closeSenders();

  const raise = summary(raiseMs);
  console.log(
    `raiseAlert() alone (its transaction, audit and queued step): p50 ${ms(raise.p50)}, p99 ${ms(raise.p99)}`,
  );
  // The machine is shared: CPU time of this process beside wall time says how much was waiting.
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  console.log(
    `CPU: alerts ${(cpuMs(cpu) / count).toFixed(2)} ms/alert over ${((elapsed * 1000) / count).toFixed(2)} ms wall; raw sends ${(cpuMs(rawCpu) / count).toFixed(2)} ms over ${(rawWall / count).toFixed(2)} ms wall; load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
  );
  const rows: [string, ReturnType<typeof summary>, ReturnType<typeof summary>][] = [
    ['e-mail (SMTP)', summary(toMail), summary(rawMail)],
    ['webhook', summary(toHook), summary(rawHook)],
  ];
  console.log(
    `notify bench: ${count} alerts, one after another, ${elapsed.toFixed(1)} s (${(count / elapsed).toFixed(0)} alerts/s)`,
  );
  console.log(
    '| path | raiseAlert → peer p50 | p99 | max | raw send p50 | raw p99 | ratio p50 | ratio p99 |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, full, raw] of rows) {
    console.log(
      `| ${name} | ${ms(full.p50)} | ${ms(full.p99)} | ${ms(full.max)} | ${ms(raw.p50)} | ${ms(raw.p99)} | ${(full.p50 / raw.p50).toFixed(1)}× | ${(full.p99 / raw.p99).toFixed(1)}× |`,
    );
  }
  await database.close();
  await smtp.close();
  await hook.close();
}

await main();
