// Picks keys inside the reservation transaction. Batch counts come from stock_counts (a handful of rows)
// and are cached for the transaction, so reserving thousands of lines never scans the keys table.
import type Database from 'better-sqlite3';
import { rankBatches, type CandidateBatch, type PickContext } from './pick-keys.js';

export interface PickedKey {
  id: number;
  batchId: number;
}

export class KeyPicker {
  private readonly batchesOf = new Map<number, CandidateBatch[]>();
  private readonly candidates: Database.Statement;
  private readonly keysOfBatch: Database.Statement;
  private readonly anyKey: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    this.candidates = sqlite.prepare(`select b.id, b.expires_at as expiresAt, b.priority, b.pin_shop_id as pinShopId, b.pin_from as pinFrom, b.pin_to as pinTo, c.n as available
      from stock_counts c join batches b on b.id = c.batch_id where c.product_id = ? and c.status = 'available' and c.n > 0`);
    this.keysOfBatch = sqlite.prepare(`select id from keys where batch_id = ? and status = 'available' and (expires_at is null or expires_at > ?) order by id limit ?`);
    this.anyKey = sqlite.prepare(`select id, batch_id as batchId from keys where product_id = ? and status = 'available' and (expires_at is null or expires_at > ?) order by expires_at, id limit 1`);
  }

  /**
   * `n` keys of the product by the dispatch rule, or null when there are not enough (nothing is taken
   * then). The caller marks them reserved in the same transaction.
   */
  pick(productId: number, n: number, ctx: PickContext): PickedKey[] | null {
    let batches = this.batchesOf.get(productId);
    if (!batches) {
      batches = this.candidates.all(productId) as CandidateBatch[];
      this.batchesOf.set(productId, batches);
    }
    const picked: PickedKey[] = [];
    for (const batch of rankBatches(batches, ctx)) {
      const want = n - picked.length;
      const ids = (this.keysOfBatch.all(batch.id, ctx.now, want) as { id: number }[]).map((r) => r.id);
      for (const id of ids) picked.push({ id, batchId: batch.id });
      // Keys expired individually inside a live batch make the count optimistic; correct it.
      if (ids.length < want) batch.available = ids.length;
      if (picked.length === n) break;
    }
    if (picked.length < n) return null;
    for (const key of picked) {
      const batch = batches.find((b) => b.id === key.batchId);
      if (batch) batch.available -= 1;
    }
    return picked;
  }

  /** 循环卡密: the same key goes to many orders, so any one live key does. */
  pickReusable(productId: number, now: number): PickedKey | null {
    return (this.anyKey.get(productId, now) as PickedKey | undefined) ?? null;
  }

  /** Keys returned to stock in this transaction are usable again by later lines. */
  forget(productId: number): void {
    this.batchesOf.delete(productId);
  }
}
