// What a push names is read back one order at a time (淘宝's TMC rule: "a message is only a trigger,
// fetch the trade"), a few orders in parallel per shop, and captured in small groups: one transaction
// for everything fetched within a few milliseconds. If a read-back fails, the poller is asked to look.
import type { Logger } from '../log/logger.js';
import type { ChannelAdapter, Platform, PlatformOrder } from '../channels/types.js';
import type { Shops, ShopRow } from '../shops/shops.js';
import type { Capture, CaptureResult } from './capture.js';

const PER_SHOP_CONCURRENCY = 16;
const GROUP_MS = 10;

interface ShopQueue {
  waiting: string[];
  active: number;
  fetched: PlatformOrder[];
  timer: NodeJS.Timeout | undefined;
}

export class PushFetcher {
  private readonly queues = new Map<number, ShopQueue>();

  constructor(
    private readonly d: { shops: Shops; capture: Capture; log: Logger },
    private readonly adapterFor: (platform: Platform) => ChannelAdapter,
    private readonly afterCapture: (shop: ShopRow, result: CaptureResult) => void,
    private readonly pollSoon: (shopId: number) => void,
  ) {}

  enqueue(shopId: number, orderIds: string[]): void {
    let queue = this.queues.get(shopId);
    if (!queue) this.queues.set(shopId, (queue = { waiting: [], active: 0, fetched: [], timer: undefined }));
    for (const id of orderIds) if (!queue.waiting.includes(id)) queue.waiting.push(id);
    this.work(shopId, queue);
  }

  private work(shopId: number, queue: ShopQueue): void {
    while (queue.active < PER_SHOP_CONCURRENCY && queue.waiting.length) {
      const orderId = queue.waiting.shift()!;
      queue.active += 1;
      void this.fetch(shopId, orderId)
        .then((order) => {
          if (order) queue.fetched.push(order);
        })
        .finally(() => {
          queue.active -= 1;
          if (!queue.timer) queue.timer = setTimeout(() => this.flush(shopId, queue), GROUP_MS);
          this.work(shopId, queue);
        });
    }
  }

  private async fetch(shopId: number, orderId: string): Promise<PlatformOrder | null> {
    try {
      const shop = this.d.shops.recentRow(shopId);
      return await this.adapterFor(shop.platform).getOrder(this.d.shops.context(shop), orderId);
    } catch (err) {
      this.d.log.warn({ shopId, err: (err as Error).message }, 'PushFetcher.fetch: read-back failed, polling instead');
      this.pollSoon(shopId);
      return null;
    }
  }

  private flush(shopId: number, queue: ShopQueue): void {
    queue.timer = undefined;
    const orders = queue.fetched.splice(0);
    if (!orders.length) return;
    try {
      const shop = this.d.shops.row(shopId);
      this.afterCapture(shop, this.d.capture.ingest(shop, orders, 'push'));
    } catch (err) {
      this.d.log.error({ shopId, err: (err as Error).message }, 'PushFetcher.flush: capture failed, polling instead');
      this.pollSoon(shopId);
    }
  }
}
