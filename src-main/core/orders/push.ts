// Push receivers (server host: POST /push/<platform>/<shopId>). A push is only a trigger: its signature
// is checked by the platform's adapter, a replayed message id is dropped, and the order is read back
// from the platform and captured on the same path as a poll.
import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger.js';
import { ChannelError } from '../channels/errors.js';
import type { ChannelAdapter, Platform, PushReply, PushRequest } from '../channels/types.js';
import type { Shops, ShopRow } from '../shops/shops.js';
import type { Capture, CaptureResult } from './capture.js';

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
    private readonly d: { sqlite: Database.Database; shops: Shops; capture: Capture; log: Logger; now: () => number },
    private readonly adapterFor: (platform: Platform) => ChannelAdapter,
    private readonly afterCapture: (shop: ShopRow, result: CaptureResult) => void,
  ) {}

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
    const seen = this.d.sqlite.prepare('select 1 from push_seen where shop_id = ? and message_id = ?');
    const fresh = notices.filter((n) => !seen.get(shopId, n.messageId));
    if (fresh.length === 0) return { ...adapter.pushAck(), outcome: 'replayed' };
    try {
      const ids = [...new Set(fresh.map((n) => n.orderId))];
      const orders = [];
      for (const id of ids) {
        const order = await adapter.getOrder(ctx, id);
        if (order) orders.push(order);
      }
      const result = this.d.capture.ingest(shop, orders, 'push', { pushIds: fresh.map((n) => n.messageId) });
      this.afterCapture(shop, result);
      return { ...adapter.pushAck(), outcome: 'accepted' };
    } catch (err) {
      // Not acknowledged: the platform pushes again, and the poller finds the order anyway.
      this.d.log.warn({ shopId, err: (err as Error).message }, 'PushReceiver.receive: read-back failed');
      return json(503, { code: 503, msg: '暂时无法处理，请稍后重试' }, 'failed');
    }
  }
}
