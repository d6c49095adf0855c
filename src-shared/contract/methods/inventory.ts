import { z } from 'zod';
import { method } from '../define.js';
import { stockCounts } from './products.js';

export const keyStatus = z.enum(['available', 'reserved', 'delivered', 'redeemed', 'void', 'expired']);
export type KeyStatus = z.infer<typeof keyStatus>;

export const batch = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  importId: z.number().int().nullable(),
  supplier: z.string(),
  unitCostFen: z.number().int(),
  purchasedAt: z.number().int(),
  expiresAt: z.number().int().nullable(),
  priority: z.number().int(),
  note: z.string(),
  createdAt: z.number().int(),
  stock: stockCounts,
  /** Only this shop's orders take keys from the batch. */
  pinShopId: z.number().int().nullable(),
  /** Campaign: only orders paid in [pinFrom, pinTo) take keys from the batch. */
  pinFrom: z.number().int().nullable(),
  pinTo: z.number().int().nullable(),
});
export type Batch = z.infer<typeof batch>;

export const keyRow = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  batchId: z.number().int(),
  cardNo: z.string().nullable(),
  /** e.g. `K3X8****9Q`; the plaintext only comes from inventory.revealKey. */
  secretMasked: z.string(),
  status: keyStatus,
  expiresAt: z.number().int().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.number().int(),
});
export type KeyRow = z.infer<typeof keyRow>;

export const keyFilter = z.object({
  productId: z.number().int().optional(),
  batchId: z.number().int().optional(),
  status: keyStatus.optional(),
  /** Card-number prefix search. */
  cardNo: z.string().trim().max(100).optional(),
});
export type KeyFilter = z.infer<typeof keyFilter>;

/** What the owner types to confirm a plaintext export; the core checks it, the UI asks for it. */
export const PLAINTEXT_CONFIRMATION = '导出明文';

const reason = z.string().trim().min(1, '请填写原因').max(200, '原因最多 200 个字符');

export const inventoryMethods = {
  'inventory.pinBatch': method({
    summary: '批次专用：只给某个店铺、或某个活动时间段内付款的订单使用（都留空 = 不限）',
    input: z
      .object({
        batchId: z.number().int(),
        shopId: z.number().int().nullable(),
        from: z.number().int().nullable(),
        to: z.number().int().nullable(),
      })
      .refine((v) => v.from === null || v.to === null || v.from < v.to, { message: '活动结束时间必须晚于开始时间', path: ['to'] }),
    output: batch,
  }),
  'inventory.batches': method({
    summary: '批次列表：成本、到期、各状态数量',
    input: z.object({ productId: z.number().int().optional() }),
    output: z.array(batch),
  }),
  'inventory.keys': method({
    summary: '卡密分页（在核心端过滤）；卡密已打码',
    input: keyFilter.extend({
      /** Keyset paging: the last id of the previous page (newest first). */
      afterId: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ rows: z.array(keyRow), nextAfterId: z.number().int().nullable(), total: z.number().int() }),
  }),
  'inventory.revealKey': method({
    summary: '查看一条卡密的明文（写入审计日志）',
    input: z.object({ id: z.number().int(), reason: z.string().trim().max(200).default('店主查看') }),
    output: z.object({ id: z.number().int(), cardNo: z.string().nullable(), secret: z.string() }),
  }),
  'inventory.voidKeys': method({
    summary: '作废卡密（需填写原因，可恢复）',
    input: z.object({ ids: z.array(z.number().int()).min(1).max(10_000), reason }),
    output: z.object({ changed: z.number().int(), skipped: z.number().int() }),
  }),
  'inventory.restoreKeys': method({
    summary: '恢复已作废的卡密为可用',
    input: z.object({ ids: z.array(z.number().int()).min(1).max(10_000), reason }),
    output: z.object({ changed: z.number().int(), skipped: z.number().int() }),
  }),
  'inventory.exportKeys': method({
    summary: '导出筛选出的卡密（xlsx/csv）；明文导出需确认并写入审计',
    input: z.object({
      filter: keyFilter,
      format: z.enum(['xlsx', 'csv']),
      plaintext: z.boolean().default(false),
      /** Must be the literal text the owner typed to confirm a plaintext export. */
      confirm: z.string().optional(),
    }),
    output: z.object({ downloadId: z.string(), fileName: z.string(), rows: z.number().int() }),
  }),
};
