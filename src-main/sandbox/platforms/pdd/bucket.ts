// Token buckets per (API family, shop): how the simulated gateways throttle. Clocked by the simulator's
// injectable clock, so a test that freezes time also freezes refills.

export interface RateRule {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size (calls allowed in a burst); defaults to perSecond. */
  burst: number;
}

export class RateLimiter<Api extends string> {
  readonly #rules = new Map<Api, RateRule | null>();
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: () => number,
    private readonly defaults: Record<Api, RateRule | null>,
  ) {
    this.reset();
  }

  /** null = unlimited. Starts every shop's bucket for that API full. */
  set(api: Api, rule: RateRule | null): void {
    this.#rules.set(api, rule);
    for (const key of [...this.#buckets.keys()]) if (key.startsWith(`${api}\u0000`)) this.#buckets.delete(key);
  }

  /** 0 when the call may go ahead (a token is used), else the ms until the next token. */
  take(api: Api, shopId: string): number {
    const rule = this.#rules.get(api);
    if (!rule) return 0;
    const key = `${api}\u0000${shopId}`;
    const now = this.clock();
    const bucket = this.#buckets.get(key) ?? { tokens: rule.burst, at: now };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * rule.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / rule.perSecond) * 1000);
  }

  reset(): void {
    this.#buckets.clear();
    for (const [api, rule] of Object.entries(this.defaults) as [Api, RateRule | null][]) this.#rules.set(api, rule);
  }
}
