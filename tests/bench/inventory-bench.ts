import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createCore, type Core } from '../../src-main/core/index.js';
import { writeKeysXlsx } from './import-bench.js';

function percentile(sorted: number[], p: number): number {
  return +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
}

async function time(core: Core, method: string, input: () => unknown, runs = 40) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const arg = input();
    const started = performance.now();
    const r = await core.call(method, arg);
    samples.push(performance.now() - started);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) };
}

/** Keys page and card-number search latency through core.call (validation included) at N keys. */
export async function inventoryBench(opts: Record<string, string | boolean | undefined>): Promise<unknown> {
  const n = Number(opts.keys ?? 100_000);
  const work = mkdtempSync(join(tmpdir(), 'keydesk-bench-'));
  try {
    const file = join(work, 'keys.xlsx');
    await writeKeysXlsx(file, n);
    const core = createCore({ dataDir: join(work, 'data'), host: 'cli', version: 'bench', scrypt: { N: 1024, r: 8, p: 1 } });
    await core.services.vault.setup({ method: 'passphrase', passphrase: 'bench passphrase' });
    const product = core.services.products.save({ code: 'BENCH', name: '压测商品', priceFen: 100 });
    await core.services.imports.run({ jobId: randomUUID(), source: { path: file }, productId: product.id, sheet: 0, mode: 'all', batch: { supplier: '', unitCostFen: 50, priority: 0, note: '' } });
    core.services.sqlite.prepare("update keys set status = 'void' where id % 97 = 0").run();
    const card = () => `6225${String(Math.floor(Math.random() * n)).padStart(15, '0')}`;
    const deepAfter = () => Math.floor(n / 2 + Math.random() * (n / 4));
    const result = {
      scenario: 'inventory', keys: n,
      firstPage: await time(core, 'inventory.keys', () => ({ limit: 100 })),
      deepPage: await time(core, 'inventory.keys', () => ({ limit: 100, afterId: deepAfter() })),
      statusFilter: await time(core, 'inventory.keys', () => ({ status: 'void', limit: 100 })),
      productFilter: await time(core, 'inventory.keys', () => ({ productId: product.id, status: 'available', limit: 100 })),
      cardSearch: await time(core, 'inventory.keys', () => ({ cardNo: card(), limit: 100 })),
      productsList: await time(core, 'products.list', () => ({}), 10),
    };
    core.close();
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
