// A shop with something worth backing up: a product, keys, a sandbox shop and an order delivered through it.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../src-main/core/index.js';
import { platformSimulators, startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { unlockedCore, tempDir, testCore, PASSPHRASE } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { connectSandboxShop, type Control } from '../../helpers/sandbox-shop.js';
import { checkLedger, type LedgerEntry } from '../../helpers/ledger.js';

export { PASSPHRASE };

export interface ShopFixture {
  core: Core;
  dataDir: string;
  recoveryKey: string;
  keys: string[];
}

export async function startTestSandbox(): Promise<{ sandbox: Sandbox; control: Control }> {
  // Platform time a few seconds behind ours, so orders created just now fall inside the fresh window.
  const sandbox = await startSandbox({ simulators: platformSimulators({ clock: () => Date.now() - 3000 }) });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}/_control/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
    return json;
  };
  return { sandbox, control };
}

/** A core with a product and `count` keys (no shop). */
export async function stockedCore(count = 5, options: { dataDir?: string } = {}): Promise<ShopFixture> {
  const dataDir = options.dataDir ?? tempDir();
  const { core, recoveryKey } = await unlockedCore({ dataDir });
  const productId = await addProduct(core, 'IQIYI-M');
  const keys = Array.from({ length: count }, () => `KD-${randomUUID()}`);
  await importText(core, productId, keys.join('\n'));
  return { core, dataDir, recoveryKey, keys };
}

/** Polls the shop once and waits until every delivery it started is confirmed. */
export async function pollAndDeliver(core: Core, shopId: number): Promise<void> {
  await core.services.orders.pollers.poll(shopId);
  await core.services.orders.outbox.idle();
}

export async function ledgerOf(control: Control): Promise<LedgerEntry[]> {
  return control<LedgerEntry[]>('taobao/ledger', {});
}

export { checkLedger, connectSandboxShop, testCore };

export function keyCount(core: Core): number {
  return (core.services.sqlite.prepare('select count(*) as n from keys').get() as { n: number }).n;
}

export function auditHead(core: Core): { seq: number; mac: string } {
  return core.services.sqlite.prepare('select seq, mac from audit_log order by seq desc limit 1').get() as { seq: number; mac: string };
}

/** Everything a failed restore must leave alone in a CLOSED data folder: the database bytes and the folder's entries. */
export function fingerprint(dataDir: string): { db: string; entries: string[] } {
  const file = join(dataDir, 'keydesk.db');
  return {
    db: existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'none',
    // The database files and anything a restore makes; the scratch folders a core creates at open do not count.
    entries: readdirSync(dataDir).filter((e) => e.startsWith('keydesk.db') || e.includes('restore')).sort(),
  };
}

/** The same for a data folder whose core is open: what the database says, and no staging left behind. */
export function liveState(core: Core): { keys: number; head: { seq: number; mac: string }; sealed: string; staging: string[] } {
  const sealed = createHash('sha256');
  for (const r of core.services.sqlite.prepare('select id, secret_sealed from keys order by id').iterate() as Iterable<{ id: number; secret_sealed: Buffer }>) {
    sealed.update(String(r.id)).update(r.secret_sealed);
  }
  return {
    keys: keyCount(core),
    head: auditHead(core),
    sealed: sealed.digest('hex'),
    staging: readdirSync(core.services.dataDir).filter((e) => e.startsWith('restore-') || e.startsWith('before-restore')),
  };
}
