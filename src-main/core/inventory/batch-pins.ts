// 批次专用: pin a batch to one shop or to a campaign's time range. Dispatch reads the pins when it picks
// keys (see core/dispatch/pick-keys.ts); this only records the owner's choice, audited.
import type Database from 'better-sqlite3';
import { KeyDeskError, type Batch } from '../../../src-shared/contract/index.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Stock } from './stock.js';

export function pinBatch(
  d: { sqlite: Database.Database; stock: Stock; appendAudit: (e: AuditInput) => void },
  input: { batchId: number; shopId: number | null; from: number | null; to: number | null },
): Batch {
  const batch = d.sqlite.prepare('select id, product_id from batches where id = ?').get(input.batchId) as { id: number; product_id: number } | undefined;
  if (!batch) throw new KeyDeskError('NOT_FOUND', { batchId: input.batchId }, `批次不存在（编号 ${input.batchId}）`);
  if (input.shopId !== null && !d.sqlite.prepare('select 1 from shops where id = ?').get(input.shopId)) {
    throw new KeyDeskError('NOT_FOUND', { shopId: input.shopId }, `店铺不存在（编号 ${input.shopId}）`);
  }
  d.sqlite.transaction(() => {
    d.sqlite.prepare('update batches set pin_shop_id = ?, pin_from = ?, pin_to = ? where id = ?').run(input.shopId, input.from, input.to, input.batchId);
    d.appendAudit({ actor: 'owner', action: 'batch.pin', objectType: 'batch', objectId: String(input.batchId), summary: { shopId: input.shopId, from: input.from, to: input.to } });
  }).immediate();
  return d.stock.batches(batch.product_id).find((b) => b.id === input.batchId)!;
}
