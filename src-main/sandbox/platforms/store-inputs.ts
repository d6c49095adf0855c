// What the platform simulators' shared control actions accept (create shop/item/order, pay, refund…),
// validated with Chinese messages so a wrong test or demo call says what is wrong.
import { z } from 'zod';

const text = (label: string, max = 200) =>
  z.string({ error: `${label}必须是字符串` }).trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 个字符`);
const qty = z.number({ error: '数量必须是数字' }).int('数量必须是整数').min(1, '数量至少为 1').max(10_000, '数量最多 10000');
const fenSchema = z.number({ error: '金额必须是数字（分）' }).int('金额必须是整数（分）').min(0, '金额不能为负数');

export const createShopInput = z.object({ name: text('店铺名称', 100), pushUrl: z.url('推送地址必须是网址').optional() });
export const createItemInput = z.object({
  shopId: text('shopId'),
  title: text('商品标题'),
  priceFen: fenSchema,
  outerId: z.string().trim().max(64).default(''),
  skuId: z.string().trim().max(64).optional(),
});
const lineInput = z.object({ itemId: text('itemId'), quantity: qty.default(1), rechargeAccount: z.string().max(100).optional() });
const buyerInput = z
  .object({
    id: z.string().max(64).optional(),
    nick: z.string().max(64).optional(),
    phone: z.string().max(32).optional(),
    email: z.string().max(128).optional(),
    ip: z.string().max(64).optional(),
    deviceId: z.string().max(128).optional(),
    /** Province; only the 独立站 protocol sends it. */
    region: z.string().max(20).optional(),
  })
  .default({});
export const createOrderInput = z.object({
  shopId: text('shopId'),
  lines: z.array(lineInput).min(1, '至少一行商品').max(20, '最多 20 行商品'),
  buyer: buyerInput,
  buyerMessage: z.string().max(500).default(''),
  pay: z.boolean().default(false),
  riskFlags: z.array(z.string().max(32)).max(10).default([]),
  /** Bulk creation for the bench: the same order shape N times, one control round trip. */
  count: z.number().int().min(1).max(5000).default(1),
});
export const orderRef = z.object({ orderId: text('orderId') });
export const refundInput = z.object({
  orderId: text('orderId'),
  lineId: z.string().optional(),
  /** true: the buyer asked (after-sales open); false: the refund went through. */
  requestOnly: z.boolean().default(false),
});
export const shopRef = z.object({ shopId: text('shopId') });
export const autopilotInput = z.object({
  shopId: text('shopId'),
  itemIds: z.array(text('itemId')).min(1, '至少一个商品'),
  /** 0 stops it. */
  everyMs: z.number().int().min(0).max(3_600_000).refine((v) => v === 0 || v >= 1000, '间隔至少 1000 毫秒'),
});
export const pushUrlInput = z.object({ shopId: text('shopId'), pushUrl: z.url('推送地址必须是网址').or(z.literal('')) });
