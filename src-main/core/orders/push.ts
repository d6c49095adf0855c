// Push receivers (server host: POST /push/<platform>/<shopId>). A push is only a trigger: its signature
// is checked by the platform's adapter, a replayed message id is dropped, and the order it names is read
// back from the platform (push-fetch.ts) and captured on the same path as a poll.
import { stmt } from '../db/statements.js';
import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger.js';
import { ChannelError } from '../channels/errors.js';
import type { ChannelAdapter, Platform, PushReply, PushRequest } from '../channels/types.js';
import type { Shops, ShopRow } from '../shops/shops.js';

export interface PushAnswer extends PushReply {
  /** For the log and tests: what happened, in words. */
  outcome: 'accepted' | 'replayed' | 'rejected' | 'unknown_shop' | 'failed';
}

const json = (status: number, body: unknown, outcome: PushAnswer['outcome']): PushAnswer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
  outcome,
});

export class PushReceiver {
  constructor(
    private readonly d: { sqlite: Database.Database; shops: Shops; log: Logger; now: () => number },
    private readonly adapterFor: (platform: Platform) => ChannelAdapter,
    private readonly fetchOrders: (shopId: number, orderIds: string[]) => void,
  ) {}

  /** Message ids taken but not yet written; written together every 50 ms. */
  private readonly unsaved = new Map<string, { shopId: number; messageId: string }>();
  private flushScheduled = false;

  private isSeen(shopId: number, messageId: string): boolean {
    if (this.unsaved.has(`${shopId}:${messageId}`)) return true;
    return stmt(this.d.sqlite, 'select 1 from push_seen where shop_id = ? and message_id = ?').get(shopId, messageId) !== undefined;
  }

  private remember(shopId: number, messageId: string): void {
    this.unsaved.set(`${shopId}:${messageId}`, { shopId, messageId });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One commit for every push of the last few milliseconds, not one per push.
    setTimeout(() => {
      this.flushScheduled = false;
      const batch = [...this.unsaved.values()];
      this.unsaved.clear();
      const insert = stmt(this.d.sqlite, 'insert or ignore into push_seen (shop_id, message_id, at) values (?, ?, ?)');
      const now = this.d.now();
      this.d.sqlite.transaction(() => {
        for (const m of batch) insert.run(m.shopId, m.messageId, now);
        // A day is far beyond any platform's push retry schedule.
        stmt(this.d.sqlite, 'delete from push_seen where at < ?').run(now - 86_400_000);
      }).immediate();
    });
  }

  async receive(platform: string, shopIdText: string, request: PushRequest): Promise<PushAnswer> {
    const shopId = Number(shopIdText);
    let shop: ShopRow;
    try {
      shop = this.d.shops.row(shopId);
    } catch {
      this.d.log.warn({ platform, shopId: shopIdText }, 'PushReceiver.receive: unknown shop');
      return json(404, { code: 404, msg: '未知店铺' }, 'unknown_shop');
    }
    if (shop.platform !== platform) return json(404, { code: 404, msg: '未知店铺' }, 'unknown_shop');
    const adapter = this.adapterFor(shop.platform);
    if (!adapter.parsePush || !adapter.pushAck) return json(404, { code: 404, msg: '该平台不支持推送' }, 'unknown_shop');
    const ctx = this.d.shops.context(shop);
    let notices;
    try {
      notices = adapter.parsePush(ctx.creds, request, this.d.now());
    } catch (err) {
      const reason = err instanceof ChannelError ? err.message : (err as Error).message;
      this.d.log.warn({ shopId, reason }, 'PushReceiver.receive: rejected');
      return json(err instanceof ChannelError && err.kind === 'bad_request' ? 400 : 401, { code: 401, msg: reason }, 'rejected');
    }
    const fresh = notices.filter((n) => !this.isSeen(shopId, n.messageId));
    if (fresh.length === 0) return { ...adapter.pushAck(), outcome: 'replayed' };
    for (const n of fresh) this.remember(shopId, n.messageId);
    // Acknowledged once queued: if this process dies before the read-back, the regular poll finds the order.
    this.fetchOrders(shopId, [...new Set(fresh.map((n) => n.orderId))]);
    return { ...adapter.pushAck(), outcome: 'accepted' };
  }
}
