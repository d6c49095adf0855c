// `npm run bench -- dispatch --orders N [--push] [--faults] [--rate R] [--platform P]`: the whole order path over HTTP
// against the sandbox in its own process — create+pay → capture (poll or push) → reserve → deliver →
// platform confirm — with synchronous=FULL, compared with a one-row-commit loop on the same disk.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { createCore } from '../../src-main/core/index.js';
import { startServer } from '../../src-main/hosts/server/server.js';
import type { PlatformName } from '../../src-shared/contract/index.js';
import { startSandboxProcess } from '../helpers/sandbox-process.js';
import { connectSandboxShop } from '../helpers/sandbox-shop.js';
import { checkLedger, percentile, type LedgerEntry } from '../helpers/ledger.js';

/** One-row commits per second on this disk with the core's pragmas: the baseline the ratio is against. */
export function rawCommitsPerSec(dir: string, ms = 2000): number {
  const db = new Database(join(dir, 'raw-commits.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table t (id integer primary key, v text)');
  const insert = db.prepare('insert into t (v) values (?)');
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < ms) {
    db.transaction(() => insert.run('x'))();
    n += 1;
  }
  const rate = n / ((performance.now() - started) / 1000);
  db.close();
  return Math.round(rate);
}

export async function dispatchBench(opts: Record<string, string | boolean | undefined>): Promise<unknown> {
  const orders = Number(opts.orders ?? 2000);
  const push = opts.push === true;
  const platform = (opts.platform ?? 'taobao') as PlatformName;
  const pollSeconds = 5;
  const work = mkdtempSync(join(tmpdir(), 'keydesk-bench-dispatch-'));
  const sandbox = await startSandboxProcess();
  try {
    const raw = rawCommitsPerSec(work);
    const core = createCore({ dataDir: join(work, 'data'), host: 'server', version: 'bench', scrypt: { N: 1024, r: 8, p: 1 }, sandboxUrl: sandbox.url, background: false });
    await core.services.vault.setup({ method: 'passphrase', passphrase: 'bench passphrase' });
    const product = core.services.products.save({ code: 'BENCH', name: '压测商品', priceFen: 1990 });
    const keys = Array.from({ length: orders }, (_, i) => `BENCH-${String(i).padStart(8, '0')}-${randomUUID().slice(0, 8)}`).join('\n');
    await core.services.imports.run({ jobId: randomUUID(), source: { text: keys }, productId: product.id, sheet: 0, mode: 'all', batch: { supplier: '', unitCostFen: 50, priority: 0, note: '' } });
    const server = push ? await startServer({ core, token: randomUUID(), rendererDir: work, port: 0 }) : undefined;
    const { simShop, itemId } = await connectSandboxShop(core, sandbox, platform, { productCode: 'BENCH', pollSeconds: push ? 60 : pollSeconds, ...(server && { pushBase: server.url }) });
    // Read calls per shop are limited in the simulators (淘宝 200/s by default, like an app's default flow
    // control); a busy merchant's app gets a larger quota, which is what this bench measures.
    if (platform === 'taobao') await sandbox.control(`${platform}/setRateLimit`, { perSecond: 20_000 });
    if (opts.faults === true) {
      for (const rule of [
        { simulator: platform, kind: 'http5xx', probability: 0.02 },
        { simulator: platform, kind: 'slow', delayMs: 300, probability: 0.01 },
        { simulator: platform, kind: 'duplicate', probability: 0.2 },
      ]) await sandbox.control('faults', rule);
    }
    const pushOutcomes: Record<string, number> = {};
    const receive = core.services.orders.push.receive.bind(core.services.orders.push);
    core.services.orders.push.receive = async (...args) => {
      const answer = await receive(...args);
      pushOutcomes[answer.outcome] = (pushOutcomes[answer.outcome] ?? 0) + 1;
      return answer;
    };
    await core.services.orders.start();
    if (!push) core.services.orders.pollers.start();

    // Burst (default): every order paid at once, for throughput. --rate R: R orders/s in 50 ms steps, for
    // the latency a steady stream of buyers sees.
    const rate = opts.rate === undefined ? undefined : Number(opts.rate);
    const started = Date.now();
    for (let made = 0; made < orders; ) {
      const due = rate === undefined ? orders : Math.min(orders, Math.floor(((Date.now() - started) / 1000) * rate) + 1);
      const count = Math.min(250, due - made);
      if (count > 0) {
        await sandbox.control(`${platform}/createOrder`, { shopId: simShop.shopId, lines: [{ itemId, quantity: 1 }], pay: true, count });
        made += count;
      } else await new Promise((r) => setTimeout(r, 50));
    }
    const deadline = started + 60_000 + orders * 20;
    let ledger: LedgerEntry[] = [];
    for (;;) {
      ledger = await sandbox.control<LedgerEntry[]>(`${platform}/ledger`, {});
      const done = ledger.filter((o) => o.deliveries.length > 0).length;
      if (done >= orders || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const check = checkLedger(ledger);
    const lastConfirm = Math.max(...ledger.flatMap((o) => o.deliveries.map((d) => d.at)));
    const firstPaid = Math.min(...ledger.map((o) => o.paidAt ?? Infinity));
    const seconds = (lastConfirm - firstPaid) / 1000;
    const ordersPerSec = Math.round(check.delivered / seconds);
    const shopState = core.services.orders.shops.list()[0];
    // Where the time goes after capture: captured → platform confirmed (reserve + outbox). (Paid → captured
    // is not split out: platforms give pay times in whole seconds.)
    const stages = core.services.sqlite.prepare(`select (select min(at) from order_events e where e.order_id = l.order_id) as captured, l.delivered_at as delivered
      from order_lines l where l.delivered_at is not null`).all() as { captured: number; delivered: number }[];
    const breakdown = {
      deliverP50Ms: percentile(stages.map((r) => r.delivered - r.captured), 0.5), deliverP99Ms: percentile(stages.map((r) => r.delivered - r.captured), 0.99),
    };
    const lines = core.services.sqlite.prepare('select status, count(*) as n from order_lines group by status').all();
    await server?.close();
    core.close();
    // Warnings in the core's log (platform errors, rejected pushes), counted by message: why a run was slow.
    const warnings: Record<string, number> = {};
    for (const line of readFileSync(join(work, 'data', 'logs', 'keydesk.log'), 'utf8').split('\n')) {
      if (!line.includes('"level":40') && !line.includes('"level":50')) continue;
      const { msg, kind } = JSON.parse(line) as { msg: string; kind?: string };
      const key = kind ? `${msg} (${kind})` : msg;
      warnings[key] = (warnings[key] ?? 0) + 1;
    }
    return {
      scenario: 'dispatch', platform, mode: push ? 'push' : `poll ${pollSeconds}s`, faults: opts.faults === true, load: rate === undefined ? 'burst' : `${rate}/s`,
      orders, ordersPerSec, rawCommitsPerSec: raw, ratio: +(ordersPerSec / raw).toFixed(3),
      p50Ms: percentile(check.latencies, 0.5), p99Ms: percentile(check.latencies, 0.99), maxMs: Math.max(...check.latencies),
      duplicates: check.duplicates, missing: check.missing, breakdown, warnings,
      ...(push && { pushOutcomes }),
      ...(check.missing > 0 && { shopError: shopState?.lastError ?? null, lines }),
    };
  } finally {
    await sandbox.close();
    rmSync(work, { recursive: true, force: true });
  }
}
