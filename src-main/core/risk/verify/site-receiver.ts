// POST /site-verify/<shopId>: the code a 独立站 buyer typed on the site, posted back signed like a push.
// The signature is the gate (no token: the site cannot know it); a replayed event id is answered without
// counting again. Forged, stale or unsigned requests change nothing.
import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { ChannelError } from '../../channels/errors.js';
import { parseVerifyCallback } from '../../channels/site/verify-code.js';
import type { PushReply, PushRequest } from '../../channels/types.js';
import { stmt } from '../../db/statements.js';
import type { ShopRow } from '../../shops/shops.js';
import type { VerifyDeps } from './index.js';
import { submitCode } from './submit.js';

export interface SiteVerifyAnswer extends PushReply {
  outcome: 'passed' | 'wrong' | 'replayed' | 'rejected' | 'unknown_shop' | 'no_challenge' | 'refused';
}

const json = (status: number, body: unknown, outcome: SiteVerifyAnswer['outcome']): SiteVerifyAnswer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
  outcome,
});

/** The order's lines waiting for a code sent to the site (the named line only, when the site says which). */
function siteChallenges(d: VerifyDeps, shopId: number, orderId: string, lineId: string | undefined): number[] {
  const rows = stmt(
    d.sqlite,
    `select l.id as id, l.platform_line_id as lineRef from order_lines l join otp_challenges c on c.line_id = l.id
      where l.shop_id = ? and l.platform_order_id = ? and c.via = 'site' and c.code_mac is not null order by l.id`,
  ).all(shopId, orderId) as { id: number; lineRef: string }[];
  return rows.filter((r) => lineId === undefined || r.lineRef === lineId).map((r) => r.id);
}

export function receiveSiteVerify(d: VerifyDeps, shopIdText: string, request: PushRequest): SiteVerifyAnswer {
  let shop: ShopRow;
  try {
    shop = d.orders.shops.row(Number(shopIdText));
  } catch {
    return json(404, { code: 404, msg: '未知店铺' }, 'unknown_shop');
  }
  if (shop.platform !== 'site') return json(404, { code: 404, msg: '未知店铺' }, 'unknown_shop');
  let callback;
  try {
    callback = parseVerifyCallback(d.orders.shops.context(shop).creds, request, d.clock.now());
  } catch (err) {
    const reason = err instanceof ChannelError ? err.message : (err as Error).message;
    d.log.warn({ shopId: shop.id, reason }, 'receiveSiteVerify: rejected');
    const status = err instanceof ChannelError && err.kind === 'bad_request' ? 400 : 401;
    return json(status, { code: status, msg: reason }, 'rejected');
  }
  const seenId = `verify:${callback.eventId}`;
  if (stmt(d.sqlite, 'select 1 from push_seen where shop_id = ? and message_id = ?').get(shop.id, seenId) !== undefined) {
    return json(200, { code: 0, msg: 'success', duplicate: true }, 'replayed');
  }
  const lines = siteChallenges(d, shop.id, callback.orderId, callback.lineId);
  if (lines.length === 0) return json(404, { code: 404, msg: '这个订单没有待验证的验证码' }, 'no_challenge');
  if (lines.length > 1) return json(400, { code: 400, msg: '这个订单有多行在等验证码，请带上 line_id' }, 'refused');
  const remember = () => stmt(d.sqlite, 'insert or ignore into push_seen (shop_id, message_id, at) values (?, ?, ?)').run(shop.id, seenId, d.clock.now());
  try {
    const result = submitCode(d, lines[0]!, callback.code, 'buyer', remember);
    const { verify } = result;
    const message = result.passed ? '验证通过，卡密马上发出' : (verify.lastError ?? '验证码不对');
    return json(
      200,
      { code: 0, msg: 'success', passed: result.passed, attempts_left: verify.attemptsLeft, locked: verify.status === 'failed', expired: verify.status === 'expired', message },
      result.passed ? 'passed' : 'wrong',
    );
  } catch (err) {
    if (!(err instanceof KeyDeskError)) throw err;
    return json(409, { code: 409, msg: err.message }, 'refused');
  }
}
