// `npm run chaos -- --orders N --kills K`: the core runs in a child process and is SIGKILLed at random
// moments while orders are created, captured and delivered; it is restarted each time. At the end the
// sandbox platform's own ledger says whether every paid, unrefunded line was delivered exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../src-main/core/index.js';
import { startSandboxProcess } from '../helpers/sandbox-process.js';
import { connectSandboxShop } from '../helpers/sandbox-shop.js';
import { checkLedger, type LedgerEntry } from '../helpers/ledger.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const PASSPHRASE = 'chaos passphrase';

export interface ChaosResult {
  orders: number;
  kills: number;
  refunds: number;
  paid: number;
  delivered: number;
  duplicates: number;
  missing: number;
  keysOnTwoLines: number;
  linesDeliveredInDb: number;
  integrity: string;
  auditOk: boolean;
  /** Times the core exited on its own during the final wait. */
  crashes: number;
  ok: boolean;
  shopError?: string | null;
  cursorAt?: number | null;
  warnings?: Record<string, number>;
  lineStatuses?: Record<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(options: { orders: number; kills: number; platform?: string; log?: (line: string) => void }): Promise<ChaosResult> {
  const platform = (options.platform ?? 'taobao') as 'taobao';
  const log = options.log ?? (() => {});
  const work = mkdtempSync(join(tmpdir(), 'keydesk-chaos-'));
  const dataDir = join(work, 'data');
  const sandbox = await startSandboxProcess();
  let child: ChildProcess | undefined;
  try {
    const setup = createCore({ dataDir, host: 'cli', version: 'chaos', scrypt: { N: 1024, r: 8, p: 1 }, sandboxUrl: sandbox.url, background: false });
    await setup.services.vault.setup({ method: 'passphrase', passphrase: PASSPHRASE });
    const product = setup.services.products.save({ code: 'CHAOS', name: '断电测试商品', priceFen: 1990 });
    const keys = Array.from({ length: options.orders + 50 }, (_, i) => `CHAOS-${String(i).padStart(7, '0')}-${randomUUID().slice(0, 6)}`).join('\n');
    await setup.services.imports.run({ jobId: randomUUID(), source: { text: keys }, productId: product.id, sheet: 0, mode: 'all', batch: { supplier: '', unitCostFen: 50, priority: 0, note: '' } });
    const { shopId, simShop, itemId } = await connectSandboxShop(setup, sandbox, platform, { productCode: 'CHAOS' });
    setup.close();
    await sandbox.control('faults', { simulator: platform, kind: 'http5xx', probability: 0.03 });

    const startChild = async (): Promise<ChildProcess> => {
      const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, KEYDESK_CHAOS_DIR: dataDir, KEYDESK_CHAOS_SHOP: String(shopId), KEYDESK_CHAOS_SANDBOX: sandbox.url, KEYDESK_PASSPHRASE: PASSPHRASE },
      });
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: proc.stdout! }).once('line', () => resolve());
        proc.once('exit', (code, signal) => reject(new Error(`core exited before ready (${code ?? signal})`)));
      });
      return proc;
    };
    const kill = async (proc: ChildProcess): Promise<void> => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    };

    child = await startChild();
    let created = 0;
    let refunds = 0;
    const orderIds: string[] = [];
    const creating = (async () => {
      while (created < options.orders) {
        const count = Math.min(25, options.orders - created);
        const out = await sandbox.control<{ orders?: { orderId: string }[]; orderId?: string }>(`${platform}/createOrder`, { shopId: simShop.shopId, lines: [{ itemId, quantity: 1 }], pay: true, count });
        orderIds.push(...(out.orders?.map((o) => o.orderId) ?? (out.orderId ? [out.orderId] : [])));
        created += count;
        // About 2 % are refunded, some before delivery and some after.
        if (Math.random() < 0.5 && orderIds.length > 10) {
          const victim = orderIds[Math.floor(Math.random() * orderIds.length)]!;
          await sandbox.control(`${platform}/refund`, { orderId: victim }).then(() => refunds++, () => undefined);
        }
        await sleep(20);
      }
    })();
    const spread = Math.max(200, (options.orders * 3) / Math.max(1, options.kills));
    for (let k = 0; k < options.kills; k++) {
      await sleep(50 + Math.random() * spread);
      await kill(child);
      child = await startChild();
      if (k % 10 === 9) log(`kills ${k + 1}/${options.kills}, orders created ${created}`);
    }
    await creating;

    // Let the last run finish the work, then judge by what the platform saw.
    const deadline = Date.now() + 120_000 + options.orders * 20;
    let ledger: LedgerEntry[] = [];
    let crashes = 0;
    for (;;) {
      ledger = await sandbox.control<LedgerEntry[]>(`${platform}/ledger`, {});
      if (checkLedger(ledger).missing === 0 || Date.now() > deadline) break;
      // The core died on its own (not killed by us): count it — it fails the run — and start it again.
      if (child.exitCode !== null || child.signalCode !== null) {
        crashes += 1;
        child = await startChild();
      }
      await sleep(500);
    }
    await kill(child);
    child = undefined;
    const check = checkLedger(ledger);

    const verify = createCore({ dataDir, host: 'cli', version: 'chaos', scrypt: { N: 1024, r: 8, p: 1 }, background: false });
    await verify.services.vault.unlock({ passphrase: PASSPHRASE });
    const db = verify.services.sqlite;
    const keysOnTwoLines = (db.prepare('select count(*) as n from (select key_id from line_keys where exclusive = 1 group by key_id having count(*) > 1)').get() as { n: number }).n;
    const linesDeliveredInDb = (db.prepare("select count(*) as n from order_lines where status in ('delivered', 'after_sales')").get() as { n: number }).n;
    const integrity = (db.pragma('integrity_check', { simple: true }) as string);
    const auditOk = verify.services.audit.verify().ok;
    const shop = verify.services.orders.shops.list()[0];
    const lineStatuses = Object.fromEntries((db.prepare('select status, count(*) as n from order_lines group by status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    verify.close();
    // Warnings the core logged across all its lives, counted by message: why a run went wrong.
    const warnings: Record<string, number> = {};
    for (const line of readFileSync(join(dataDir, 'logs', 'keydesk.log'), 'utf8').split('\n')) {
      if (!line.includes('"level":40') && !line.includes('"level":50')) continue;
      const { msg, kind, msg2 } = JSON.parse(line) as { msg: string; kind?: string; msg2?: string };
      const key = [msg, kind, msg2].filter(Boolean).join(' · ');
      warnings[key] = (warnings[key] ?? 0) + 1;
    }
    const result: ChaosResult = {
      orders: options.orders, kills: options.kills, refunds, paid: check.paid, delivered: check.delivered, duplicates: check.duplicates,
      missing: check.missing, keysOnTwoLines, linesDeliveredInDb, integrity, auditOk,
      ...(check.missing > 0 && { shopError: shop?.lastError ?? null, cursorAt: shop?.cursorAt ?? null, warnings, lineStatuses }),
      crashes,
      ok: check.duplicates === 0 && check.missing === 0 && crashes === 0 && keysOnTwoLines === 0 && integrity === 'ok' && auditOk,
    };
    return result;
  } finally {
    if (child) child.kill('SIGKILL');
    await sandbox.close();
    rmSync(work, { recursive: true, force: true });
  }
}
