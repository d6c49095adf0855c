// The one shape every upstream supplier (福禄-style open API today) is turned into. An adapter owns the
// supplier's signing, envelopes and state codes; the top-up desk and auto-restock see only these types.
import type { HttpClient, PushReply, PushRequest } from '../../channels/types.js';

export const SUPPLIER_KINDS = ['fulu'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

/** What the owner types in; stored sealed by the vault as one JSON blob. */
export interface SupplierCredentials {
  appKey: string;
  appSecret: string;
  /** 福禄 `app_auth_token` (the merchant's authorisation token). */
  appAuthToken?: string;
  /** Overrides the gateway URL: the sandbox, or the supplier's pre-production gateway. */
  endpoint?: string;
}

export interface SupplierContext {
  creds: SupplierCredentials;
  http: HttpClient;
  /** Epoch ms (injectable clock). */
  now(): number;
}

/**
 * Where a supplier order stands. `success` and `success_disputed` mean the buyer got the recharge (or
 * the keys exist); the two `failed_*` states mean the buyer got nothing, and say whether the supplier
 * gave the merchant's money back. `processing` = ask again later.
 */
export type SupplierOrderState = 'processing' | 'success' | 'success_disputed' | 'failed_refunded' | 'failed_not_refunded';

export const SUPPLIER_STATE_TITLES: Record<SupplierOrderState, string> = {
  processing: '处理中',
  success: '成功',
  success_disputed: '成功（有争议）',
  failed_refunded: '失败，已退款',
  failed_not_refunded: '失败，未退款',
};

export interface SupplierCard {
  cardNo: string | null;
  /** Plaintext card secret: decrypted by the adapter, sealed by the caller at once, never logged. */
  secret: string;
  /** Epoch ms, when the supplier says. */
  expiresAt: number | null;
}

export interface SupplierOrderInfo {
  customerOrderNo: string;
  supplierOrderId: string;
  state: SupplierOrderState;
  /** What the supplier charged the merchant for the whole order, in 分, when it says. */
  costFen: number | null;
  finishedAt: number | null;
  /** The supplier's words on the outcome (recharge_description). */
  description: string;
  /** Proof the supplier gives (a recharge voucher id, an operator serial), when it gives one. */
  evidence: string | null;
  /** Card orders only, once `success`. */
  cards: SupplierCard[];
}

export interface SupplierGoods {
  productId: string;
  name: string;
  /** Merchant's purchase price per unit, in 分. */
  priceFen: number;
  kind: 'direct' | 'card';
  /** Face value in 分, when the supplier says. */
  faceValueFen: number | null;
  /** Whether the supplier can sell it right now. */
  onSale: boolean;
}

/** A verified supplier callback: only a trigger; the desk re-reads the order with orderInfo(). */
export interface SupplierCallback {
  customerOrderNo: string;
  supplierOrderId: string;
  /** The state the callback claims (not trusted for money decisions; orderInfo() is). */
  state: SupplierOrderState;
  raw: unknown;
}

export interface PlaceOrderResult {
  supplierOrderId: string;
  state: SupplierOrderState;
  /** The supplier already had an order with this customer_order_no: nothing new was bought. */
  duplicate: boolean;
}

/** One credential field in the "add supplier" form, in the owner's words. */
export interface SupplierCredentialField {
  key: keyof SupplierCredentials;
  label: string;
  required: boolean;
  secret: boolean;
  help?: string;
}

/**
 * Errors are thrown as ChannelError (core/channels/errors.ts) with the same kinds: retry / backoff /
 * bad_response are transient; reauth and bad_signature need the owner; give_up is a refusal for good
 * (out of stock at the supplier, balance too low, bad account format) with the supplier's words.
 */
export interface SupplierAdapter {
  kind: SupplierKind;
  /** Chinese name, e.g. 福禄开放平台. */
  title: string;
  defaultEndpoint: string;
  credentialFields: SupplierCredentialField[];
  /** Account balance in 分 (fulu.user.info.get) and the account name. */
  balance(ctx: SupplierContext): Promise<{ balanceFen: number; name: string }>;
  goods(ctx: SupplierContext, productId: string): Promise<SupplierGoods>;
  /** Direct recharge onto `chargeAccount`. Idempotent on customerOrderNo: a repeat answers duplicate:true. */
  directAdd(ctx: SupplierContext, input: { productId: string; customerOrderNo: string; chargeAccount: string; buyNum: number }): Promise<PlaceOrderResult>;
  /** Buys card keys. Idempotent on customerOrderNo. Keys come only through orderInfo(). */
  cardAdd(ctx: SupplierContext, input: { productId: string; customerOrderNo: string; buyNum: number }): Promise<PlaceOrderResult>;
  /** null = the supplier has no order with this number (the add never reached it). */
  orderInfo(ctx: SupplierContext, customerOrderNo: string): Promise<SupplierOrderInfo | null>;
  /**
   * Redemption (核销) status of a card the supplier sold, where the supplier offers the query; absent
   * otherwise (the RPA card-status flow is used instead).
   */
  cardStatus?(ctx: SupplierContext, input: { productId: string; cardNo: string | null; secret: string }): Promise<{ status: 'unused' | 'redeemed' | 'invalid'; redeemedAt: number | null }>;
  /** Verifies and parses a callback; throws ChannelError('bad_signature' | 'bad_request'). */
  parseCallback(creds: SupplierCredentials, request: PushRequest): SupplierCallback;
  /** What to answer once a callback has been accepted (福禄: plain `success`). */
  callbackAck(): PushReply;
}
