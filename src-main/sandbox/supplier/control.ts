// Control actions of the sandbox supplier (`POST /_control/supplier/<action>`): merchants, goods,
// behaviour, and a buyer redeeming or a card going bad in the shared world. Bodies are zod-validated with
// Chinese messages.
import { z } from 'zod';
import { SandboxError } from '../http.js';
import { parseOrThrow } from '../validate.js';
import { OUTCOMES, type SupGoods, type SupMerchant, type SupplierState } from './state.js';

const strict = { error: (iss: { code?: string; keys?: string[] }) => (iss.code === 'unrecognized_keys' ? `不认识的字段：${(iss.keys ?? []).join('、')}` : undefined) };
const text = (label: string, max: number) =>
  z.string({ error: `${label}必须是字符串` }).trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 个字符`);
const fen = (label: string) => z.number({ error: `${label}必须是数字（分）` }).int(`${label}必须是整数（分）`).nonnegative(`${label}不能为负数`);
const rate = (label: string) => z.number({ error: `${label}必须是 0 到 1 之间的数字` }).min(0, `${label}必须在 0 到 1 之间`).max(1, `${label}必须在 0 到 1 之间`);
const url = z.url({ error: 'callbackUrl 必须是 http(s) 地址', protocol: /^https?$/ });
const pattern = z
  .string({ error: 'accountPattern 必须是正则表达式字符串' })
  .refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, 'accountPattern 不是有效的正则表达式');

const addMerchantInput = z.strictObject(
  {
    appKey: text('appKey', 64).optional(),
    appSecret: text('appSecret', 64).optional(),
    appAuthToken: z.string({ error: 'appAuthToken 必须是字符串' }).max(64, 'appAuthToken 最多 64 个字符').optional(),
    name: text('商户名称', 50),
    balanceFen: fen('余额'),
    callbackUrl: url.optional(),
  },
  strict,
);

const setMerchantInput = z.strictObject(
  {
    appKey: text('appKey', 64),
    balanceFen: fen('余额').optional(),
    callbackUrl: url.nullable().optional(),
    appAuthToken: z.string({ error: 'appAuthToken 必须是字符串' }).max(64, 'appAuthToken 最多 64 个字符').optional(),
  },
  strict,
);

const goodsFields = {
  productId: z.string({ error: 'productId 必须是字符串' }).regex(/^\d{1,15}$/, 'productId 必须是 1–15 位数字'),
  name: text('商品名称', 100),
  priceFen: fen('进价').positive('进价必须大于 0'),
  kind: z.enum(['direct', 'card'], { error: "kind 只能是 'direct'（直充）或 'card'（卡密）" }),
  faceValueFen: fen('面值'),
  packageId: text('packageId', 100),
  accountPattern: pattern.nullable().optional(),
  onSale: z.boolean({ error: 'onSale 必须是 true 或 false' }).optional(),
};
const addGoodsInput = z.strictObject(goodsFields, strict);
const setGoodsInput = z.strictObject(
  { productId: goodsFields.productId, priceFen: goodsFields.priceFen.optional(), onSale: goodsFields.onSale, accountPattern: goodsFields.accountPattern },
  strict,
);

const weight = (o: string) => z.number({ error: `${o} 的权重必须是数字` }).nonnegative(`${o} 的权重不能为负数`).optional();
const setBehaviourInput = z.strictObject(
  {
    processingMs: z.number({ error: 'processingMs 必须是数字（毫秒）' }).int('processingMs 必须是整数').min(0, 'processingMs 不能为负数').max(600_000, 'processingMs 最多 600000').optional(),
    /** Replaces the whole table: outcomes left out weigh 0. */
    outcomes: z
      .strictObject(
        { success: weight('success'), failed_refunded: weight('failed_refunded'), failed_not_refunded: weight('failed_not_refunded'), success_disputed: weight('success_disputed') },
        strict,
      )
      .refine((w) => Object.values(w).some((v) => (v ?? 0) > 0), 'outcomes 至少要有一项权重大于 0')
      .optional(),
    badReplySignRate: rate('badReplySignRate').optional(),
    lostReplyRate: rate('lostReplyRate').optional(),
    callbackRepeat: z.number({ error: 'callbackRepeat 必须是数字' }).int('callbackRepeat 必须是整数').min(1, 'callbackRepeat 至少 1').max(10, 'callbackRepeat 最多 10').optional(),
    cardStatusSupported: z.boolean({ error: 'cardStatusSupported 必须是 true 或 false' }).optional(),
  },
  strict,
);

const redeemInput = z.strictObject({ secret: text('卡密', 200), account: text('兑换账号', 100) }, strict);
const cardInput = z.strictObject({ secret: text('卡密', 200) }, strict);

const REFUSALS: Record<'redeemed' | 'invalid', string> = { redeemed: '这张卡密已被兑换过', invalid: '这张卡密已失效' };

function merchantOf(state: SupplierState, appKey: string): SupMerchant {
  const m = state.merchants.get(appKey);
  if (!m) throw new SandboxError(404, 'MERCHANT_NOT_FOUND', `商户不存在：${appKey}`);
  return m;
}

function goodsOf(state: SupplierState, productId: string): SupGoods {
  const g = state.goods.get(productId);
  if (!g) throw new SandboxError(404, 'GOODS_NOT_FOUND', `商品不存在：${productId}`);
  return g;
}

/** Runs one control action; `settle` finishes due orders (the `tick` action). */
export function supplierControl(state: SupplierState, action: string, body: unknown, now: number, settle: () => number): unknown {
  switch (action) {
    case 'addMerchant': {
      const input = parseOrThrow(addMerchantInput, body, '添加商户');
      const appKey = input.appKey ?? `FL${state.digits(16)}`;
      if (state.merchants.has(appKey)) throw new SandboxError(409, 'MERCHANT_EXISTS', `商户已存在：${appKey}`);
      const merchant: SupMerchant = {
        appKey,
        appSecret: input.appSecret ?? state.digits(32),
        appAuthToken: input.appAuthToken ?? `tk${state.digits(30)}`,
        name: input.name,
        userId: state.digits(8),
        balanceFen: input.balanceFen,
        callbackUrl: input.callbackUrl ?? null,
      };
      state.merchants.set(appKey, merchant);
      return { ...merchant };
    }
    case 'setMerchant': {
      const input = parseOrThrow(setMerchantInput, body, '修改商户');
      const merchant = merchantOf(state, input.appKey);
      if (input.balanceFen !== undefined) merchant.balanceFen = input.balanceFen;
      if (input.callbackUrl !== undefined) merchant.callbackUrl = input.callbackUrl;
      if (input.appAuthToken !== undefined) merchant.appAuthToken = input.appAuthToken;
      return { ...merchant };
    }
    case 'addGoods': {
      const input = parseOrThrow(addGoodsInput, body, '添加商品');
      if (state.goods.has(input.productId)) throw new SandboxError(409, 'GOODS_EXISTS', `商品已存在：${input.productId}`);
      const goods: SupGoods = { ...input, accountPattern: input.accountPattern ?? null, onSale: input.onSale ?? true };
      state.goods.set(goods.productId, goods);
      return { ...goods };
    }
    case 'setGoods': {
      const input = parseOrThrow(setGoodsInput, body, '修改商品');
      const goods = goodsOf(state, input.productId);
      if (input.priceFen !== undefined) goods.priceFen = input.priceFen;
      if (input.onSale !== undefined) goods.onSale = input.onSale;
      if (input.accountPattern !== undefined) goods.accountPattern = input.accountPattern;
      return { ...goods };
    }
    case 'setBehaviour': {
      const input = parseOrThrow(setBehaviourInput, body, '设置供应商行为');
      const { outcomes, ...rest } = input;
      const next = { ...state.behaviour, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
      if (outcomes) next.outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, outcomes[o] ?? 0])) as typeof next.outcomes;
      state.behaviour = next;
      return structuredClone(next);
    }
    case 'redeemCard': {
      const input = parseOrThrow(redeemInput, body, '兑换卡密');
      const result = state.world.redeem(input.secret, input.account, now);
      if (result.ok) return { ok: true, packageId: result.card.packageId, account: input.account };
      if (result.reason === 'unknown') throw new SandboxError(404, 'CARD_NOT_FOUND', '没有这张卡密');
      throw new SandboxError(409, 'CARD_NOT_REDEEMABLE', REFUSALS[result.reason]);
    }
    case 'invalidateCard': {
      const input = parseOrThrow(cardInput, body, '作废卡密');
      if (!state.world.card(input.secret)) throw new SandboxError(404, 'CARD_NOT_FOUND', '没有这张卡密');
      state.world.invalidate(input.secret);
      return { ok: true };
    }
    case 'tick':
      return { finished: settle() };
    default:
      throw new SandboxError(404, 'UNKNOWN_ACTION', `供应商沙箱没有这个控制操作：${action}`);
  }
}
