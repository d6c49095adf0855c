// The one shape every shop platform is turned into. An adapter (one folder per platform) owns that
// platform's signing, windows, paging and error codes; everything after capture sees only these types.

export const PLATFORMS = ['taobao', 'pdd', 'doudian', 'youzan', 'weidian', 'site'] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * What the owner types in (and token refreshes update). Stored sealed by the vault as one JSON blob.
 * `endpoint` overrides the platform gateway base URL: the sandbox, or a platform's own test gateway.
 */
export interface ShopCredentials {
  appKey: string;
  appSecret: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch ms when accessToken stops working, when the platform says. */
  tokenExpiresAt?: number;
  /** The platform's id for the shop (抖店 shop_id, 有赞 kdt_id, 淘宝 seller nick), where calls need it. */
  shopRef?: string;
  endpoint?: string;
}

/** Normalised order status. `paid` is the only one that asks for delivery. */
export type OrderStatus = 'unpaid' | 'paid' | 'shipped' | 'done' | 'closed';
/** Refund state of one line as the platform reports it. */
export type RefundState = 'none' | 'requested' | 'refunded';

export interface PlatformOrderLine {
  /** The platform's line id (淘宝 oid, 抖店 sku order id, 有赞 oid); the order id when the platform has no lines. */
  lineId: string;
  itemId: string;
  skuId: string;
  /** 商家编码: outer_sku_id, else outer_iid / outer_id. Empty when the merchant set none. */
  outerId: string;
  title: string;
  quantity: number;
  /** Unit price in 分. */
  priceFen: number;
  refund: RefundState;
  /** Recharge account the buyer entered (抖店 account_list), for 直充 products. */
  rechargeAccount?: string;
}

export interface PlatformBuyer {
  /** Stable per-platform buyer id (buyer_open_uid, doudian_open_id…), when given. */
  id?: string;
  nick?: string;
  phone?: string;
  email?: string;
  ip?: string;
  deviceId?: string;
  /** Province / region, only where the platform gives one (独立站 `buyer.region`); for the 客户来源 report. */
  region?: string;
}

export interface PlatformOrder {
  orderId: string;
  status: OrderStatus;
  /** The platform's own status code, kept for the timeline and support questions. */
  platformStatus: string;
  amountFen: number;
  paidAt: number | null;
  updatedAt: number;
  buyer: PlatformBuyer;
  buyerMessage?: string;
  lines: PlatformOrderLine[];
  /** Platform risk flags (e.g. 抖店 80000), passed to the risk hook. */
  riskFlags?: string[];
  /** The platform's JSON for this order, exactly as received; stored sealed for the timeline. */
  raw: unknown;
}

export interface RefundNotice {
  orderId: string;
  /** Empty when the refund covers the whole order. */
  lineId: string;
  refundId: string;
  state: RefundState;
  amountFen: number;
  updatedAt: number;
  raw: unknown;
}

export interface TimeWindow {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive where the platform allows; adapters may treat it inclusive (overlap is harmless). */
  to: number;
}

export interface DeliveryRequest {
  order: { orderId: string; lineIds: string[] };
  line: { lineId: string; skuId: string; quantity: number };
  /** The buyer's message built from the product template; carries the keys. */
  message: string;
  keys: { cardNo: string | null; secret: string; expiresAt: number | null }[];
}

/** A top-up (直充) line's result, reported back so the platform marks the order done (抖店 topup.result…). */
export interface TopupReport {
  order: { orderId: string; lineIds: string[] };
  line: { lineId: string; skuId: string; quantity: number };
  /** The account that was recharged, as the buyer gave it. */
  account: string;
  success: boolean;
  /** Chinese sentence for the buyer/platform: 已为账号 138****0000 充值爱奇艺黄金会员月卡. */
  message: string;
  /** Our reference (customer_order_no / portal order no), for the platform's records. */
  serial: string;
}

/** `already` = the platform says this was delivered before (a resend after a crash): treated as delivered. */
export type DeliveryOutcome = { result: 'delivered' | 'already'; raw: unknown };

/** A verified push message: only a trigger, the poller's path re-reads the order. */
export interface PushNotice {
  orderId: string;
  kind: 'paid' | 'refund' | 'closed' | 'other';
  /** Platform message id, used to drop replays. */
  messageId: string;
  raw: unknown;
}

export interface PushRequest {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Query string of the push URL. */
  query: URLSearchParams;
}

export interface PushReply {
  status: number;
  contentType: string;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Per-call timeout; the client has a default. */
  timeoutMs?: number;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

export interface ChannelContext {
  creds: ShopCredentials;
  http: HttpClient;
  /** Epoch ms (injectable clock). */
  now(): number;
  /** Persist changed credentials (after a token refresh), sealed, in the same shop row. */
  saveCreds(next: ShopCredentials): void;
}

export interface ChannelLimits {
  /** Longest legal query window. */
  maxWindowMs: number;
  /** How far back the platform lets us read (catch-up stops there). */
  historyMs: number;
  /** Keep the window end this far behind platform time so late writes are not missed (拼多多: ~3 min). */
  safetyLagMs: number;
  /** Page size the adapter uses. */
  pageSize: number;
  /**
   * Fresh reads stop this far behind now (default FRESH_LAG_MS, 2 s): a platform with whole-second times
   * treats the window end as the whole second, still filling. 0 only for millisecond-exact platforms.
   */
  freshLagMs?: number;
}

/** One credential field in the "add shop" form, in the owner's words. */
export interface CredentialField {
  key: keyof ShopCredentials;
  label: string;
  required: boolean;
  secret: boolean;
  help?: string;
}

export interface ChannelAdapter {
  platform: Platform;
  /** Chinese name: 淘宝/天猫, 拼多多… */
  title: string;
  /** The real gateway base URL, used when credentials carry no endpoint. */
  defaultEndpoint: string;
  limits: ChannelLimits;
  credentialFields: CredentialField[];
  /** One cheap authenticated call; resolves with whatever the platform tells about the shop. */
  testConnection(ctx: ChannelContext): Promise<{ shopName?: string }>;
  /** Every order modified in the window (all pages, in the platform's safe paging order). */
  listOrders(ctx: ChannelContext, window: TimeWindow): Promise<PlatformOrder[]>;
  /** One order read back (push trigger, reconciliation before a retry); null when the platform does not know it. */
  getOrder(ctx: ChannelContext, orderId: string): Promise<PlatformOrder | null>;
  listRefunds(ctx: ChannelContext, window: TimeWindow): Promise<RefundNotice[]>;
  /** Confirms delivery by the platform's own call. Idempotent: a repeat answers `already`. */
  deliver(ctx: ChannelContext, request: DeliveryRequest): Promise<DeliveryOutcome>;
  /**
   * Reports a top-up result by the platform's own recharge call (抖店 topup.result, 拼多多 charge notify).
   * Absent: the desk confirms a successful top-up with deliver() and a message instead (淘宝 dummy send).
   * Idempotent like deliver(): a repeat answers `already`.
   */
  reportTopup?(ctx: ChannelContext, report: TopupReport): Promise<DeliveryOutcome>;
  /** Refresh an expiring or expired token; updates ctx via saveCreds. Absent where tokens do not expire. */
  refreshToken?(ctx: ChannelContext): Promise<void>;
  /** Verifies and parses a push; throws ChannelError('bad_signature' | 'bad_request') for forged/garbled ones. */
  parsePush?(creds: ShopCredentials, request: PushRequest, now: number): PushNotice[];
  /** What to answer the platform once a push has been accepted. */
  pushAck?(): PushReply;
}
