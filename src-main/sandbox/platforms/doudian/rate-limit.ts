// Per-shop token buckets. They run on the wall clock, not the simulated business clock: a rate limit is
// about how fast requests really arrive, and tests freeze the business clock.

export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#tokens = perSecond;
    this.#last = now();
  }

  /** Takes one token; false when the caller is over the limit. */
  take(): boolean {
    if (!Number.isFinite(this.perSecond)) return true;
    const t = this.now();
    this.#tokens = Math.min(this.perSecond, this.#tokens + ((t - this.#last) / 1000) * this.perSecond);
    this.#last = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** One bucket per shop and kind of call (kinds without a limit are unlimited); rebuilt when limits change. */
export class ShopLimits {
  #buckets = new Map<string, TokenBucket>();

  constructor(private limits: Record<string, number>) {}

  set(kind: string, perSecond: number): void {
    this.limits = { ...this.limits, [kind]: perSecond };
    this.#buckets.clear();
  }

  take(shopId: string, kind: string): boolean {
    const key = `${shopId}:${kind}`;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limits[kind] ?? Number.POSITIVE_INFINITY);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
