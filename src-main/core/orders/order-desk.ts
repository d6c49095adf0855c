// Wires shops, capture, reservation, the outbox, pollers and push into one unit the core owns. The
// order of starting matters: the outbox reconciles what a previous run left in flight before pollers
// or pushes can add new work.
import type { CoreServices } from '../services.js';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import type { ChannelAdapter, HttpClient, Platform } from '../channels/types.js';
import { Dispatcher, type ReserveResult } from '../dispatch/reserve.js';
import { allowAll, type RiskHook } from '../dispatch/risk-hook.js';
import { Outbox } from '../dispatch/outbox.js';
import { Shops, type ShopRow } from '../shops/shops.js';
import { Capture, type CaptureResult } from './capture.js';
import { ChangeFeed } from './change-feed.js';
import { OrderActions } from './order-actions.js';
import { OrderQueries } from './order-queries.js';
import { Pollers } from './pollers.js';
import { PushReceiver } from './push.js';
import { PushFetcher } from './push-fetch.js';
import { Timeline } from './timeline.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit'>;

/** Out-of-stock alerts per product at most this often. */
const ALERT_EVERY_MS = 10 * 60_000;

export class OrderDesk {
  readonly shops: Shops;
  readonly capture: Capture;
  readonly outbox: Outbox;
  readonly pollers: Pollers;
  readonly push: PushReceiver;
  readonly queries: OrderQueries;
  readonly actions: OrderActions;
  readonly feed: ChangeFeed;
  readonly timeline: Timeline;
  /** The top-up desk's pump: 直充 lines were queued. */
  private topupKick: () => void = () => {};
  private risk: RiskHook = allowAll;
  private readonly alerted = new Map<number, number>();

  constructor(
    private readonly d: Deps,
    readonly adapters: Partial<Record<Platform, ChannelAdapter>>,
    http: HttpClient,
    sandboxUrl?: string,
  ) {
    const adapterFor = (platform: Platform): ChannelAdapter => {
      const adapter = this.adapters[platform];
      if (!adapter) throw new KeyDeskError('INVALID_INPUT', { platform }, `暂不支持这个平台：${platform}`);
      return adapter;
    };
    this.shops = new Shops(d, adapterFor, http, sandboxUrl);
    const timeline = new Timeline(d.sqlite, d.vault, d.clock);
    this.timeline = timeline;
    const dispatcher = new Dispatcher(d.sqlite, d.clock, timeline, d.appendAudit, () => this.risk, d.vault);
    this.capture = new Capture(d.sqlite, d.vault, d.clock, timeline, dispatcher, d.appendAudit);
    this.feed = new ChangeFeed(d.events);
    this.outbox = new Outbox({ sqlite: d.sqlite, vault: d.vault, clock: d.clock, log: d.log, audit: d.appendAudit, timeline, shops: this.shops }, adapterFor,
      (shopIds, lineIds) => this.feed.changed(shopIds, lineIds));
    const afterCapture = (shop: ShopRow, result: CaptureResult): void => {
      this.afterReserve(result);
      this.feed.changed([shop.id], result.changed);
    };
    this.pollers = new Pollers({ shops: this.shops, capture: this.capture, clock: d.clock, log: d.log }, adapterFor, afterCapture);
    const fetcher = new PushFetcher({ shops: this.shops, capture: this.capture, log: d.log }, adapterFor, afterCapture, (shopId) => this.pollers.trigger(shopId));
    this.push = new PushReceiver({ sqlite: d.sqlite, shops: this.shops, log: d.log, now: () => d.clock.now() }, adapterFor, (shopId, ids) => fetcher.enqueue(shopId, ids));
    this.queries = new OrderQueries(d.sqlite, d.vault);
    this.actions = new OrderActions(d.sqlite, d.clock, timeline, dispatcher, d.appendAudit, (result) => {
      this.afterReserve(result);
      this.feed.changed([], result.touched);
    });
  }

  /** The risk issue plugs its rule engine in here. */
  setRiskHook(hook: RiskHook): void {
    this.risk = hook;
  }

  setTopupKick(kick: () => void): void {
    this.topupKick = kick;
  }

  /** Reconcile what was left in flight, then poll and send. Only long-running hosts call this. */
  async start(): Promise<void> {
    await this.outbox.start();
    this.pollers.start();
  }

  stop(): void {
    this.pollers.stop();
    this.outbox.stop();
    this.feed.flush();
  }

  private afterReserve(result: ReserveResult): void {
    if (result.reserved.length) this.outbox.kick();
    if (result.topup.length) this.topupKick();
    const now = this.d.clock.now();
    for (const { productId, productName } of result.outOfStock) {
      if ((this.alerted.get(productId) ?? 0) + ALERT_EVERY_MS > now) continue;
      this.alerted.set(productId, now);
      this.d.log.warn({ productId }, 'OrderDesk: out of stock');
      this.d.events.emit('app.notice', { level: 'warning', kind: 'out_of_stock', message: `「${productName}」缺货：有订单在等待，补货后会自动按付款顺序发货` });
    }
  }
}
