// What the sandbox supplier knows: merchant accounts with balances, goods, orders keyed by (merchant,
// customer_order_no), and how it behaves. Orders finish `processingMs` after they are placed, by the
// injectable clock; finishing writes the outcome into the shared MembershipWorld exactly once.
import type { MembershipWorld } from '../membership/world.js';

export interface SupMerchant {
  appKey: string;
  appSecret: string;
  appAuthToken: string;
  name: string;
  userId: string;
  balanceFen: number;
  /** Where finished orders are called back; null = no callbacks. */
  callbackUrl: string | null;
}

export interface SupGoods {
  productId: string;
  name: string;
  /** The merchant's purchase price per unit. */
  priceFen: number;
  kind: 'direct' | 'card';
  faceValueFen: number;
  /** Membership package this goods grants in the world (iqiyi-gold-month…). */
  packageId: string;
  /** Direct goods: the account format the supplier accepts (a regex source); null = anything. */
  accountPattern: string | null;
  onSale: boolean;
}

export const OUTCOMES = ['success', 'failed_refunded', 'failed_not_refunded', 'success_disputed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface SupCard {
  cardNo: string;
  /** Plaintext; leaves the simulator only encrypted (info.get) or through the world. */
  secret: string;
  deadline: number;
}

export interface SupOrder {
  orderId: string;
  appKey: string;
  customerOrderNo: string;
  productId: string;
  productName: string;
  kind: 'direct' | 'card';
  chargeAccount: string;
  buyNum: number;
  unitPriceFen: number;
  createdAt: number;
  finishAt: number;
  /** Decided when the order is placed, revealed when it finishes. */
  outcome: Outcome;
  state: 'processing' | 'success' | 'failed';
  refunded: boolean;
  disputed: boolean;
  finishedAt: number | null;
  description: string;
  /** Operator serial number of a direct recharge that went through. */
  serial: string | null;
  /** Dispute ticket of a success_disputed order. */
  evidence: string | null;
  cards: SupCard[];
  callbacksSent: number;
}

export interface Behaviour {
  processingMs: number;
  /** Relative weights of the final outcome. */
  outcomes: Record<Outcome, number>;
  /** Share of successful replies whose signature is wrong. */
  badReplySignRate: number;
  /** Share of calls that are carried out but answered 502 (the answer is lost on the way back). */
  lostReplyRate: number;
  /** How many times each callback is sent (replays). */
  callbackRepeat: number;
  cardStatusSupported: boolean;
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  processingMs: 300,
  outcomes: { success: 1, failed_refunded: 0, failed_not_refunded: 0, success_disputed: 0 },
  badReplySignRate: 0,
  lostReplyRate: 0,
  callbackRepeat: 1,
  cardStatusSupported: true,
};

const CARD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CARD_LIFE_MS = 365 * 86_400_000;

const DESCRIPTIONS: Record<Outcome, string> = {
  success: '充值成功',
  success_disputed: '充值成功，但上游反馈该账号存在异议，已登记争议工单',
  failed_refunded: '充值失败：上游渠道维护，货款已退回账户余额',
  failed_not_refunded: '充值失败：上游已扣款未退回，请联系福禄客服核实',
};

export class SupplierState {
  readonly merchants = new Map<string, SupMerchant>();
  readonly goods = new Map<string, SupGoods>();
  readonly orders = new Map<string, SupOrder>();
  behaviour: Behaviour = structuredClone(DEFAULT_BEHAVIOUR);

  constructor(
    private readonly clock: () => number,
    readonly random: () => number,
    readonly world: MembershipWorld,
  ) {}

  digits(n: number): string {
    let s = String(1 + Math.floor(this.random() * 9));
    while (s.length < n) s += String(Math.floor(this.random() * 10));
    return s;
  }

  /** True with probability `rate` (no draw at 0, so injected randomness stays predictable). */
  chance(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  orderOf(appKey: string, customerOrderNo: string): SupOrder | undefined {
    return this.orders.get(`${appKey}\u0000${customerOrderNo}`);
  }

  drawOutcome(): Outcome {
    const weights = this.behaviour.outcomes;
    const total = OUTCOMES.reduce((sum, o) => sum + weights[o], 0);
    if (total <= 0) return 'success';
    let pick = this.random() * total;
    for (const o of OUTCOMES) {
      pick -= weights[o];
      if (pick < 0 && weights[o] > 0) return o;
    }
    return OUTCOMES.filter((o) => weights[o] > 0).at(-1) ?? 'success';
  }

  /** Records a new order and charges the merchant (the caller checked the balance). */
  place(merchant: SupMerchant, goods: SupGoods, input: { customerOrderNo: string; chargeAccount: string; buyNum: number }): SupOrder {
    const now = this.clock();
    const order: SupOrder = {
      orderId: this.digits(19),
      appKey: merchant.appKey,
      customerOrderNo: input.customerOrderNo,
      productId: goods.productId,
      productName: goods.name,
      kind: goods.kind,
      chargeAccount: input.chargeAccount,
      buyNum: input.buyNum,
      unitPriceFen: goods.priceFen,
      createdAt: now,
      finishAt: now + this.behaviour.processingMs,
      outcome: this.drawOutcome(),
      state: 'processing',
      refunded: false,
      disputed: false,
      finishedAt: null,
      description: '订单处理中',
      serial: null,
      evidence: null,
      cards: [],
      callbacksSent: 0,
    };
    merchant.balanceFen -= goods.priceFen * input.buyNum;
    this.orders.set(`${merchant.appKey}\u0000${input.customerOrderNo}`, order);
    return order;
  }

  /** Finishes every order whose time has come; answers the ones finished now (for callbacks). */
  settleDue(): SupOrder[] {
    const now = this.clock();
    const done: SupOrder[] = [];
    for (const order of this.orders.values()) {
      if (order.state !== 'processing' || order.finishAt > now) continue;
      this.finish(order);
      done.push(order);
    }
    return done;
  }

  private finish(order: SupOrder): void {
    const at = order.finishAt;
    const goods = this.goods.get(order.productId);
    const packageId = goods?.packageId ?? order.productId;
    order.finishedAt = at;
    order.description = DESCRIPTIONS[order.outcome];
    if (order.outcome === 'failed_refunded' || order.outcome === 'failed_not_refunded') {
      order.state = 'failed';
      order.refunded = order.outcome === 'failed_refunded';
      const merchant = this.merchants.get(order.appKey);
      if (merchant && order.refunded) merchant.balanceFen += order.unitPriceFen * order.buyNum;
      return;
    }
    order.state = 'success';
    order.disputed = order.outcome === 'success_disputed';
    order.evidence = order.disputed ? `争议工单 ZY${this.digits(12)}` : null;
    if (order.kind === 'direct') {
      order.serial = `YYS${this.digits(16)}`;
      this.world.recharge({ account: order.chargeAccount, packageId, source: 'supplier', ref: order.customerOrderNo, at });
      return;
    }
    for (let i = 0; i < order.buyNum; i++) {
      const card: SupCard = { cardNo: `FL${this.digits(14)}`, secret: this.cardSecret(), deadline: at + CARD_LIFE_MS };
      this.world.issueCard({ secret: card.secret, cardNo: card.cardNo, packageId });
      order.cards.push(card);
    }
  }

  private cardSecret(): string {
    for (;;) {
      let s = '';
      for (let i = 0; i < 16; i++) s += CARD_ALPHABET.charAt(Math.floor(this.random() * CARD_ALPHABET.length));
      if (!this.world.card(s)) return s;
    }
  }

  reset(): void {
    this.merchants.clear();
    this.goods.clear();
    this.orders.clear();
    this.behaviour = structuredClone(DEFAULT_BEHAVIOUR);
  }
}
