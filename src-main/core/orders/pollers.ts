// One poller per active shop: read every legal window from the shop's cursor to now (catch-up after the
// PC was off is just more windows), capture what changed, advance the cursor in the same transaction.
// Platform errors are mapped once: back off for the time the platform asked, refresh or ask for
// re-authorisation, otherwise note the error for the owner and try again next round.
import type { Logger } from '../log/logger.js';
import type { Clock } from '../clock.js';
import { ChannelError } from '../channels/errors.js';
import type { ChannelAdapter, ChannelLimits, Platform } from '../channels/types.js';
import type { Shops, ShopRow } from '../shops/shops.js';
import type { Capture, CaptureResult } from './capture.js';
import { planWindows, settledAfter } from './windows.js';

const TICK_MS = 1000;
const DEFAULT_BACKOFF_MS = 30_000;
const MIN_WINDOW_MS = 1000;

/** One flaky answer (a 5xx, a cut body) should not cost the whole round: try the window again, briefly. */
async function withTransientRetry<T>(read: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      const transient = err instanceof ChannelError && (err.kind === 'retry' || err.kind === 'bad_response');
      if (!transient || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

export interface PollOutcome {
  orders: number;
  lines: number;
  windows: number;
  caughtUp: boolean;
}

export class Pollers {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<number, Promise<PollOutcome>>();
  private readonly again = new Set<number>();
  private readonly delayed = new Map<number, NodeJS.Timeout>();
  private readonly windowMs = new Map<number, number>();

  constructor(
    private readonly d: { shops: Shops; capture: Capture; clock: Clock; log: Logger },
    private readonly adapterFor: (platform: Platform) => ChannelAdapter,
    private readonly afterCapture: (shop: ShopRow, result: CaptureResult) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const timer of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
  }

  /** Polls every due shop; a shop still running from the last tick is left alone. */
  tick(): void {
    const now = this.d.clock.now();
    for (const shop of this.d.shops.list()) {
      if (shop.status !== 'active' || this.running.has(shop.id)) continue;
      if (shop.backoffUntil !== null && shop.backoffUntil > now) continue;
      if (shop.lastPollAt !== null && shop.lastPollAt + shop.pollSeconds * 1000 > now) continue;
      void this.poll(shop.id).catch(() => undefined);
    }
  }

  /**
   * A push said something changed: read now. A round already running may have passed the new order's
   * page, so one more round follows it.
   */
  trigger(shopId: number): void {
    if (this.running.has(shopId)) {
      this.again.add(shopId);
      return;
    }
    // The platform asked us to wait: read as soon as the ban ends, not before, and not forgotten.
    const wait = (this.d.shops.row(shopId).backoff_until ?? 0) - this.d.clock.now();
    if (wait > 0) {
      if (!this.delayed.has(shopId)) {
        const timer = setTimeout(() => {
          this.delayed.delete(shopId);
          this.trigger(shopId);
        }, wait);
        timer.unref();
        this.delayed.set(shopId, timer);
      }
      return;
    }
    void this.poll(shopId).catch(() => undefined);
  }

  /** One round for one shop (also "立即拉取"). Concurrent calls share the round in progress. */
  poll(shopId: number): Promise<PollOutcome> {
    const running = this.running.get(shopId);
    if (running) return running;
    const round = this.round(shopId).finally(() => {
      this.running.delete(shopId);
      if (this.again.delete(shopId)) this.trigger(shopId);
    });
    this.running.set(shopId, round);
    return round;
  }

  private async round(shopId: number): Promise<PollOutcome> {
    const outcome: PollOutcome = { orders: 0, lines: 0, windows: 0, caughtUp: false };
    let shop = this.d.shops.row(shopId);
    const adapter = this.adapterFor(shop.platform);
    const ctx = this.d.shops.context(shop);
    try {
      const limits = this.limitsFor(shopId, adapter);
      let busy = false;
      const windows = planWindows(shop.cursor_at, shop.settled_at, this.d.clock.now(), limits);
      for (const window of windows) {
        const readAt = this.d.clock.now();
        const orders = await withTransientRetry(() => adapter.listOrders(ctx, window));
        const refunds = await withTransientRetry(() => adapter.listRefunds(ctx, window));
        shop = this.d.shops.row(shopId);
        if (shop.status === 'paused') break;
        const result = this.d.capture.ingest(shop, orders, 'poll', {
          refunds,
          ...(window.fresh && { cursorTo: window.to }),
          settledTo: settledAfter(shop.settled_at, window, readAt, adapter.limits),
        });
        if (orders.length > adapter.limits.pageSize * 4) busy = true;
        outcome.windows += 1;
        outcome.orders += result.orders;
        outcome.lines += result.newLines;
        this.afterCapture(shop, result);
      }
      outcome.caughtUp = windows.length < 48;
      // A round of windows that all came back small lets the next round's windows grow again (see limitsFor).
      const shrunk = this.windowMs.get(shopId);
      if (!busy && shrunk !== undefined) this.windowMs.set(shopId, Math.min(adapter.limits.maxWindowMs, shrunk * 2));
      // Catching up after the PC was off: carry on with the next windows right away.
      if (!outcome.caughtUp) this.again.add(shopId);
      this.d.shops.touchPoll(shopId);
      this.d.shops.noteOutcome(shopId, null);
      return outcome;
    } catch (err) {
      await this.onError(shop, adapter, err);
      throw err;
    }
  }

  /**
   * A window with hundreds of pages would fail the same way forever on a busy shop (a ban before the last
   * page, or one flaky page in three hundred): read smaller windows, down to a second, so the cursor moves.
   */
  private shrinkWindow(shopId: number, adapter: ChannelAdapter): void {
    const current = this.windowMs.get(shopId) ?? adapter.limits.maxWindowMs;
    this.windowMs.set(shopId, Math.max(MIN_WINDOW_MS, Math.floor(current / 4)));
  }

  /** The platform's limits, with the window shrunk after failures on a busy shop. */
  private limitsFor(shopId: number, adapter: ChannelAdapter): ChannelLimits {
    const windowMs = this.windowMs.get(shopId);
    return windowMs === undefined || windowMs >= adapter.limits.maxWindowMs ? adapter.limits : { ...adapter.limits, maxWindowMs: windowMs };
  }

  private async onError(shop: ShopRow, adapter: ChannelAdapter, err: unknown): Promise<void> {
    const now = this.d.clock.now();
    this.d.shops.touchPoll(shop.id);
    if (!(err instanceof ChannelError)) {
      this.d.log.error({ shopId: shop.id, err: (err as Error).message }, 'Pollers.round: unexpected error');
      this.d.shops.noteOutcome(shop.id, `拉取订单出错：${(err as Error).message}`);
      return;
    }
    this.d.log.warn({ shopId: shop.id, kind: err.kind, code: err.details.platformCode, msg: err.message }, 'Pollers.round: platform error');
    switch (err.kind) {
      case 'backoff': {
        this.shrinkWindow(shop.id, adapter);
        this.d.shops.noteOutcome(shop.id, err.message, undefined, now + (err.retryAfterMs ?? DEFAULT_BACKOFF_MS));
        this.again.add(shop.id);
        return;
      }
      case 'reauth':
        if (adapter.refreshToken) {
          try {
            await adapter.refreshToken(this.d.shops.context(shop));
            this.d.shops.noteOutcome(shop.id, null);
            return;
          } catch {
            // falls through: the owner has to authorise again
          }
        }
        this.d.shops.noteOutcome(shop.id, `${err.message}：请在设置 → 店铺中重新授权`, 'needs_auth');
        return;
      case 'retry':
      case 'bad_response':
        // Transient: a short pause, then read again (orders may be waiting behind a flaky page).
        this.shrinkWindow(shop.id, adapter);
        this.d.shops.noteOutcome(shop.id, err.message, undefined, now + Math.min(2_000, shop.poll_seconds * 1000));
        this.again.add(shop.id);
        return;
      case 'bad_signature':
        this.d.shops.noteOutcome(shop.id, `${err.message}：请检查 App Secret 后重新授权`, 'needs_auth');
        return;
      case 'give_up':
      case 'bad_request':
        this.d.shops.noteOutcome(shop.id, err.message, 'error');
        return;
    }
  }
}
