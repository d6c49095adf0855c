import { randomUUID } from 'node:crypto';
import type { Core } from '../../src-main/core/index.js';
import type { ImportOutcome, ImportRequest } from '../../src-shared/contract/index.js';
import { expectOk } from './core.js';

export async function addProduct(core: Core, code = 'IQIYI-M', extra: Record<string, unknown> = {}): Promise<number> {
  return expectOk<{ id: number }>(await core.call('products.save', { code, name: '爱奇艺黄金会员月卡', priceFen: 1990, ...extra })).id;
}

/** Imports pasted text through the contract, as the UI does. */
export async function importText(core: Core, productId: number, text: string, extra: Partial<ImportRequest> = {}): Promise<ImportOutcome> {
  const req: ImportRequest = { jobId: randomUUID(), source: { text }, productId, batch: { unitCostFen: 1500, supplier: '测试供应商' }, ...extra };
  return expectOk<ImportOutcome>(await core.call('inventory.import', req));
}

export function keyCount(core: Core, where = '1'): number {
  return (core.services.sqlite.prepare(`select count(*) as n from keys where ${where}`).get() as { n: number }).n;
}
