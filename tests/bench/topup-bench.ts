// `npm run bench -- topup --orders N [--rpa M] [--kills K]`: 直充 orders on a 抖店 sandbox shop, topped up
// through the sandbox supplier (lost replies, bad reply signatures, 5xx, failed-and-refunded) and the
// sandbox portal by RPA (slow pages, duplicate-submit trap, expired sessions), while the core is SIGKILLed
// K times. Reports how many finished without a human, double top-ups (must be 0) and RPA evidence.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { platformSimulators, startSandbox } from '../../src-main/sandbox/index.js';
import { createSupplierSimulator, SANDBOX_SUPPLIER_MERCHANT } from '../../src-main/sandbox/supplier/index.js';
import { createVideoPortal, SANDBOX_PORTAL_ACCOUNT } from '../../src-main/sandbox/portal/index.js';
import { MembershipWorld } from '../../src-main/sandbox/membership/world.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createCore, type Core } from '../../src-main/core/index.js';
import type { Envelope } from '../../src-shared/contract/index.js';
import { connectSandboxShop } from '../helpers/sandbox-shop.js';

const PASSPHRASE = 'bench passphrase';
const expectOk = <T>(e: Envelope<unknown>): T => {
  if (!e.ok) throw new Error(JSON.stringify(e.error));
  return e.data as T;
};
const addProduct = async (core: Core, code: string, extra: Record<string, unknown>): Promise<number> =>
  expectOk<{ id: number }>(await core.call('products.save', { code, name: '爱奇艺黄金会员月卡', priceFen: 1990, ...extra })).id;

const CHILD = fileURLToPath(new URL('./topup-child.ts', import.meta.url));

export async function topupBench(opts: Record<string, string | boolean | undefined>): Promise<unknown> {
  const supplierOrders = Number(opts.orders ?? 200);
  const rpaOrders = Number(opts.rpa ?? 10);
  const kills = Number(opts.kills ?? 5);
  const world = new MembershipWorld();
  const sandbox = await startSandbox({ simulators: [...platformSimulators({ clock: () => Date.now() - 3000 }), createSupplierSimulator({ world }), createVideoPortal({ world })] });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}/_control/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    return (await res.json()) as T;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'keydesk-topup-bench-'));
  const core = createCore({ dataDir, host: 'cli', version: 'bench', scrypt: { N: 1024, r: 8, p: 1 }, sandboxUrl: sandbox.url, background: false });
  await core.services.vault.setup({ method: 'passphrase', passphrase: PASSPHRASE });
  const viaSupplier = await addProduct(core, 'IQIYI-API', { type: 'direct' });
  const viaPortal = await addProduct(core, 'IQIYI-RPA', { type: 'direct' });
  const supplier = expectOk<{ id: number }>(await core.call('suppliers.add', { name: '福禄沙箱', credentials: { ...SANDBOX_SUPPLIER_MERCHANT, endpoint: `${sandbox.url}/supplier` } }));
  const portal = expectOk<{ id: number }>(await core.call('portals.add', { name: '爱奇艺沙箱', baseUrl: `${sandbox.url}/video-portal`, username: SANDBOX_PORTAL_ACCOUNT.username, password: SANDBOX_PORTAL_ACCOUNT.password }));
  expectOk(await core.call('supply.set', { productId: viaSupplier, route: 'supplier', supplierId: supplier.id, supplierProductId: '10000101', accountRule: 'phone' }));
  expectOk(await core.call('supply.set', { productId: viaPortal, route: 'rpa', portalAccountId: portal.id, packageId: 'iqiyi-gold-month', accountRule: 'phone' }));
  const api = await connectSandboxShop(core, { url: sandbox.url, control }, 'doudian', { productCode: 'IQIYI-API' });
  const apiItem = api.itemId;
  const rpaItem = (await control<{ itemId: string }>('doudian/createItem', { shopId: api.simShop.shopId, title: '爱奇艺月卡（网站充值）', priceFen: 1990, outerId: 'IQIYI-RPA' })).itemId;
  core.close();

  // Enough sandbox balance for the run: running out is a real refusal the bench is not measuring.
  await control('supplier/setMerchant', { appKey: SANDBOX_SUPPLIER_MERCHANT.appKey, balanceFen: 2000 * (supplierOrders + 10) });
  await control('supplier/setBehaviour', { processingMs: 200, lostReplyRate: 0.05, badReplySignRate: 0.05, outcomes: { success: 0.95, failed_refunded: 0.05 } });
  await fetch(`${sandbox.url}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ simulator: 'supplier', kind: 'http5xx', probability: 0.03 }) });
  await control('video-portal/setFaults', { slowMs: 100, duplicateTrap: 0.2 });
  const account = (i: number) => `139${String(i).padStart(8, '0')}`;
  for (let i = 0; i < supplierOrders + rpaOrders; i += 1) {
    const itemId = i < supplierOrders ? apiItem : rpaItem;
    await control('doudian/createOrder', { shopId: api.simShop.shopId, lines: [{ itemId, quantity: 1, rechargeAccount: account(i) }], pay: true });
  }

  const env = { ...process.env, KEYDESK_TOPUP_DIR: dataDir, KEYDESK_TOPUP_SANDBOX: sandbox.url, KEYDESK_TOPUP_SHOP: String(api.shopId), KEYDESK_PASSPHRASE: PASSPHRASE };
  const startChild = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', () => resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    return child;
  };
  const db = new Database(join(dataDir, 'keydesk.db'), { readonly: true });
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const started = Date.now();
  let killed = 0;
  for (let k = 0; k < kills; k += 1) {
    const child = await startChild();
    await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    killed += 1;
  }
  await control('video-portal/setFaults', { expireSessions: true });
  const child = await startChild();
  const total = supplierOrders + rpaOrders;
  const deadline = Date.now() + 20 * 60_000;
  while (Date.now() < deadline && count(`select count(*) as n from order_lines where status in ('delivered', 'failed', 'topup_paused', 'ask_buyer', 'held')`) < total) {
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  const delivered = count(`select count(*) as n from order_lines where status = 'delivered'`);
  const rpaAttempts = db.prepare(`select id, evidence_dir as dir from topup_attempts where route = 'rpa' and next_check_at is not null`).all() as { id: number; dir: string | null }[];
  const withEvidence = rpaAttempts.filter((a) => a.dir && existsSync(join(dataDir, a.dir)) && readdirSync(join(dataDir, a.dir)).some((n) => n.startsWith('attempt-'))).length;
  const result = {
    scenario: 'topup', orders: total, viaSupplier: supplierOrders, viaPortal: rpaOrders, kills: killed, seconds: Math.round((Date.now() - started) / 1000),
    finishedWithoutHuman: delivered, withoutHumanRate: Number((delivered / total).toFixed(4)),
    waitingForOwner: total - delivered,
    doubleTopups: world.doubleTopups().length,
    rechargedAccounts: new Set(world.recharges.map((r) => r.account)).size,
    rpaAttemptsRun: rpaAttempts.length, rpaAttemptsWithEvidence: withEvidence,
    evidenceRate: rpaAttempts.length ? Number((withEvidence / rpaAttempts.length).toFixed(4)) : 1,
  };
  db.close();
  await sandbox.close();
  return result;
}
