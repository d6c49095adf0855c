// 福禄（沙箱）: the 福禄-style open API (`POST /api/getway`) for the supplier top-up route. Orders are
// asynchronous: an add charges the balance and answers `processing`; the order finishes `processingMs`
// later (by the injectable clock), checked on every request, every control call and by a timer that also
// sends the callbacks. Recharges and cards land in the shared MembershipWorld.
import { sharedMembershipWorld, type MembershipWorld } from '../membership/world.js';
import { notFound } from '../http.js';
import type { SimRequest, SimResponse, Simulator } from '../types.js';
import { CARD_STATUS_METHOD, METHODS, type ApiEnv } from './api.js';
import { sendCallbacks } from './callbacks.js';
import { supplierControl } from './control.js';
import { CODE, FuluFail, envelope, readGatewayCall, sortedMd5 } from './protocol.js';
import { SupplierState, type SupGoods, type SupOrder } from './state.js';

export { DEFAULT_BEHAVIOUR, OUTCOMES, SupplierState, type Behaviour, type Outcome, type SupGoods, type SupMerchant, type SupOrder } from './state.js';

export interface SupplierSimulatorOptions {
  /** Epoch ms; orders finish by this clock. */
  clock?: () => number;
  /** Defaults to the process-wide world shared with the video portal. */
  world?: MembershipWorld;
  /** Drives ids, card secrets, outcomes and the bad-sign / lost-reply rates. */
  random?: () => number;
}

export const SUPPLIER_NAME = 'supplier';
export const SUPPLIER_TITLE = '福禄（沙箱）';

/** The demo merchant seeded on start and after every reset (the demo's supplier account uses it). */
export const SANDBOX_SUPPLIER_MERCHANT = {
  appKey: 'KDSANDBOXFULU0001',
  appSecret: 'keydesk-sandbox-fulu-secret-0001',
  appAuthToken: 'keydesk-sandbox-auth-token',
  name: 'KeyDesk 演示商户',
  balanceFen: 500_000,
} as const;

const PHONE = '^1\\d{10}$';
const QQ_OR_PHONE = '^[1-9]\\d{4,11}$';

/** Seeded goods (product ids are 福禄-style integers). */
export const SANDBOX_SUPPLIER_GOODS: readonly SupGoods[] = [
  { productId: '10000101', name: '爱奇艺黄金会员月卡（直充）', priceFen: 1880, kind: 'direct', faceValueFen: 2500, packageId: 'iqiyi-gold-month', accountPattern: PHONE, onSale: true },
  { productId: '10000102', name: '爱奇艺黄金会员月卡（卡密）', priceFen: 1850, kind: 'card', faceValueFen: 2500, packageId: 'iqiyi-gold-month', accountPattern: null, onSale: true },
  { productId: '10000201', name: '腾讯视频VIP月卡（直充）', priceFen: 2050, kind: 'direct', faceValueFen: 3000, packageId: 'tencent-vip-month', accountPattern: QQ_OR_PHONE, onSale: true },
  { productId: '10000301', name: '优酷VIP月卡（卡密）', priceFen: 1500, kind: 'card', faceValueFen: 2500, packageId: 'youku-vip-month', accountPattern: null, onSale: true },
];

/** Timers fire a little after the due time so the real clock has surely passed it. */
const TIMER_SLACK_MS = 5;
const LOST_REPLY: SimResponse = { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };

export function createSupplierSimulator(options: SupplierSimulatorOptions = {}): Simulator & { state: SupplierState } {
  const clock = options.clock ?? Date.now;
  const world = options.world ?? sharedMembershipWorld();
  const state = new SupplierState(clock, options.random ?? Math.random, world);
  const timers = new Set<NodeJS.Timeout>();

  const seed = () => {
    state.merchants.set(SANDBOX_SUPPLIER_MERCHANT.appKey, { ...SANDBOX_SUPPLIER_MERCHANT, userId: '10086001', callbackUrl: null });
    for (const goods of SANDBOX_SUPPLIER_GOODS) state.goods.set(goods.productId, { ...goods });
  };
  seed();

  /** Finishes due orders and sends their callbacks; answers how many finished. */
  const settle = (): number => {
    const done = state.settleDue();
    for (const order of done) {
      const merchant = state.merchants.get(order.appKey);
      if (merchant?.callbackUrl) void sendCallbacks(merchant.callbackUrl, order, merchant, state.behaviour.callbackRepeat);
    }
    return done.length;
  };

  const schedule = (order: SupOrder) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      settle();
    }, order.finishAt - order.createdAt + TIMER_SLACK_MS);
    timer.unref();
    timers.add(timer);
  };
  const env: ApiEnv = { state, onPlaced: schedule };

  function handle(req: SimRequest): SimResponse {
    settle();
    if (req.path !== '/api/getway') throw notFound(req.method, req.path);
    if (req.method !== 'POST') return envelope(CODE.badParam, '只接受 POST 请求', '', '');
    try {
      const call = readGatewayCall(req, (appKey) => state.merchants.get(appKey), clock());
      const method = METHODS[call.method];
      if (!method || (call.method === CARD_STATUS_METHOD && !state.behaviour.cardStatusSupported)) {
        throw new FuluFail(CODE.unknownMethod, `接口方法不存在：${call.method}`);
      }
      const result = JSON.stringify(method(env, call.merchant, call.biz));
      // The call was carried out; only its answer goes missing.
      if (state.chance(state.behaviour.lostReplyRate)) return LOST_REPLY;
      const secret = state.chance(state.behaviour.badReplySignRate) ? `${call.merchant.appSecret}-tampered` : call.merchant.appSecret;
      return envelope(CODE.ok, '接口调用成功', result, sortedMd5(result, secret));
    } catch (err) {
      // Refusals are not signed: the gateway may not even know whose secret to use.
      if (err instanceof FuluFail) return envelope(err.code, err.message, '', '');
      throw err;
    }
  }

  return {
    name: SUPPLIER_NAME,
    title: SUPPLIER_TITLE,
    state,
    handle,
    control(action, body) {
      settle();
      return supplierControl(state, action, body, clock(), settle);
    },
    snapshot() {
      settle();
      return {
        merchants: [...state.merchants.values()].map((m) => ({ appKey: m.appKey, name: m.name, balanceFen: m.balanceFen, callbackUrl: m.callbackUrl })),
        goods: [...state.goods.values()].map((g) => ({ ...g })),
        orders: [...state.orders.values()].map((o) => ({
          orderId: o.orderId,
          appKey: o.appKey,
          customerOrderNo: o.customerOrderNo,
          productId: o.productId,
          kind: o.kind,
          chargeAccount: o.chargeAccount,
          buyNum: o.buyNum,
          costFen: o.unitPriceFen * o.buyNum,
          state: o.state,
          refunded: o.refunded,
          disputed: o.disputed,
          createdAt: o.createdAt,
          finishedAt: o.finishedAt,
          cardCount: o.cards.length,
          callbacksSent: o.callbacksSent,
        })),
        behaviour: structuredClone(state.behaviour),
      };
    },
    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      state.reset();
      world.reset();
      seed();
    },
    // The gateway reports its own trouble inside its envelope, not as a bare 5xx / 429.
    faultBody(kind) {
      if (kind === 'http5xx') return envelope(CODE.busy, '系统繁忙，请稍后再试', '', '');
      if (kind === 'rateLimit') return envelope(CODE.rateLimited, '请求过于频繁，请稍后再试', '', '');
      return undefined;
    },
  };
}
