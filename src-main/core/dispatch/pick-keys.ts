// Which batch a key comes from. Pure: the order of batches is the dispatch rule the owner was promised —
// earliest expiry first, then higher batch priority, then the oldest batch — restricted to batches this
// order may use (pinned to its shop, or to a campaign its payment time falls in; never an expired one).

export interface CandidateBatch {
  id: number;
  expiresAt: number | null;
  priority: number;
  pinShopId: number | null;
  pinFrom: number | null;
  pinTo: number | null;
  available: number;
}

export interface PickContext {
  shopId: number;
  /** The order's payment time: campaigns are judged by it. */
  paidAt: number;
  now: number;
}

export function batchUsable(batch: CandidateBatch, ctx: PickContext): boolean {
  if (batch.available <= 0) return false;
  if (batch.expiresAt !== null && batch.expiresAt <= ctx.now) return false;
  if (batch.pinShopId !== null && batch.pinShopId !== ctx.shopId) return false;
  if (batch.pinFrom !== null && ctx.paidAt < batch.pinFrom) return false;
  if (batch.pinTo !== null && ctx.paidAt >= batch.pinTo) return false;
  return true;
}

export function compareBatches(a: CandidateBatch, b: CandidateBatch): number {
  const ae = a.expiresAt ?? Number.MAX_SAFE_INTEGER;
  const be = b.expiresAt ?? Number.MAX_SAFE_INTEGER;
  return ae - be || b.priority - a.priority || a.id - b.id;
}

/** Batches to draw from, best first. */
export function rankBatches(batches: CandidateBatch[], ctx: PickContext): CandidateBatch[] {
  return batches.filter((b) => batchUsable(b, ctx)).sort(compareBatches);
}
