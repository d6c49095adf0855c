import { z } from 'zod';
import { fen, method } from '../define.js';


export const productType = z.enum(['card', 'direct', 'combo']);
export type ProductType = z.infer<typeof productType>;

export const stockCounts = z.object({
  available: z.number().int(),
  reserved: z.number().int(),
  delivered: z.number().int(),
  redeemed: z.number().int(),
  void: z.number().int(),
  expired: z.number().int(),
});
export type StockCounts = z.infer<typeof stockCounts>;

export const product = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  type: productType,
  faceValueFen: z.number().int().nullable(),
  priceFen: z.number().int(),
  deliveryTemplate: z.string().nullable(),
  lowStockThreshold: z.number().int(),
  reusable: z.boolean(),
  components: z.array(z.object({ productId: z.number().int(), quantity: z.number().int() })),
  createdAt: z.number().int(),
  archived: z.boolean(),
});
export type Product = z.infer<typeof product>;

export const productStock = product.extend({
  stock: stockCounts,
  /** Available keys that expire within 7 days. */
  expiringSoon: z.number().int(),
  lowStock: z.boolean(),
});
export type ProductStock = z.infer<typeof productStock>;

export const productInput = z.object({
  id: z.number().int().optional(),
  code: z.string().trim().min(1, '请填写商品编码').max(40, '商品编码最多 40 个字符').regex(/^[\w.-]+$/, '商品编码只能用字母、数字、下划线、点和横线'),
  name: z.string().trim().min(1, '请填写商品名称').max(100, '商品名称最多 100 个字符'),
  type: productType.default('card'),
  faceValueFen: fen.nullable().default(null),
  priceFen: fen,
  deliveryTemplate: z.string().max(2000, '发货模板最多 2000 个字符').nullable().default(null),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).default(10),
  reusable: z.boolean().default(false),
  components: z.array(z.object({ productId: z.number().int(), quantity: z.number().int().min(1).max(100) })).max(20).default([]),
});
export type ProductInput = z.input<typeof productInput>;

export const productMethods = {
  'products.list': method({
    summary: '商品列表，含各状态库存、临期与低库存提醒',
    input: z.object({ productCode: z.string().optional(), includeArchived: z.boolean().default(false) }),
    output: z.array(productStock),
  }),
  'products.save': method({
    summary: '新增或修改商品',
    input: productInput,
    output: product,
  }),
  'products.archive': method({
    summary: '下架商品（保留历史，不再出现在列表）',
    input: z.object({ id: z.number().int() }),
    output: product,
  }),
};
