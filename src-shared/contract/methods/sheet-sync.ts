import { z } from 'zod';
import { fen, method } from '../define.js';

export const sheetSync = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  name: z.string(),
  kind: z.enum(['file', 'url']),
  /** File name or the link's host; the full location is sealed. */
  locationHint: z.string(),
  intervalMinutes: z.number().int(),
  supplier: z.string(),
  unitCostFen: z.number().int(),
  enabled: z.boolean(),
  lastCheckedAt: z.number().int().nullable(),
  lastChangedAt: z.number().int().nullable(),
  lastImported: z.number().int().nullable(),
  lastDuplicates: z.number().int().nullable(),
  lastInvalid: z.number().int().nullable(),
  lastError: z.string().nullable(),
  running: z.boolean(),
});
export type SheetSync = z.infer<typeof sheetSync>;

const location = z.string().trim().min(1, '请填写文件路径或链接').max(2000);

export const sheetSyncInput = z
  .object({
    id: z.number().int().optional(),
    productId: z.number().int(),
    name: z.string().trim().min(1, '请填写名称').max(60),
    kind: z.enum(['file', 'url']),
    /** Required when creating; omitted on edit keeps the sealed one. */
    location: location.optional(),
    intervalMinutes: z.number().int().min(1, '最短 1 分钟').max(24 * 60, '最长 24 小时').default(5),
    supplier: z.string().trim().max(100).default(''),
    unitCostFen: fen,
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.id === undefined && !v.location) ctx.addIssue({ code: 'custom', path: ['location'], message: '请填写文件路径或链接' });
    if (v.kind === 'url' && v.location !== undefined) {
      let ok = false;
      try {
        const u = new URL(v.location);
        ok = u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        ok = false;
      }
      if (!ok) ctx.addIssue({ code: 'custom', path: ['location'], message: '链接必须以 http:// 或 https:// 开头' });
    }
  });
export type SheetSyncInput = z.input<typeof sheetSyncInput>;

export const sheetSyncMethods = {
  'sync.list': method({
    summary: '云端表格同步列表：上次检查、上次新增、错误',
    input: z.object({ productId: z.number().int().optional() }),
    output: z.array(sheetSync),
  }),
  'sync.save': method({
    summary: '新增或修改一个云端表格同步（监视的文件或发布的表格链接）',
    input: sheetSyncInput,
    output: sheetSync,
  }),
  'sync.remove': method({
    summary: '删除一个同步（已导入的卡密保留）',
    input: z.object({ id: z.number().int() }),
    output: z.object({ removed: z.boolean() }),
  }),
  'sync.runNow': method({
    summary: '立即检查一次',
    input: z.object({ id: z.number().int() }),
    output: sheetSync,
  }),
};
