import { z } from 'zod';
import { event } from './define.js';
import { vaultStatus } from './methods/vault.js';
import { sandboxStatus } from './methods/sandbox.js';

/** What an alert is about: each kind is throttled and grouped on its own, and a webhook may take only some kinds. */
export const alertKind = z.enum([
  'low_stock', 'out_of_stock', 'topup_failed', 'portal_needs_human', 'restock', 'sync_error', 'shop_error',
  'redemption', 'risk_hold', 'hold_deadline', 'otp', 'backup', 'other',
]);
export type AlertKind = z.infer<typeof alertKind>;

export const events = {
  'vault.changed': event(vaultStatus, '保险库状态变化（设置、解锁、锁定、轮换）'),
  'sandbox.changed': event(sandboxStatus, '沙箱状态变化'),
  'import.progress': event(
    z.object({
      jobId: z.string(),
      phase: z.enum(['reading', 'checking', 'saving', 'done']),
      rowsRead: z.number().int(),
      bytesRead: z.number().int().optional(),
      totalBytes: z.number().int().optional(),
    }),
    '导入进度',
  ),
  'inventory.changed': event(z.object({ productIds: z.array(z.number().int()) }), '库存变化（导入、撤销、作废、恢复）'),
  'sync.updated': event(z.object({ id: z.number().int() }), '云端表格同步检查完成（有无新卡密、是否出错）'),
  'orders.changed': event(
    z.object({ shopIds: z.array(z.number().int()), lineIds: z.array(z.number().int()) }),
    '订单行变化（新订单、发货、退款、出错）',
  ),
  'risk.changed': event(z.object({ lineIds: z.array(z.number().int()) }), '风控待处理变化（拦截、放行、验证、拒绝）'),
  'backup.progress': event(
    z.object({ phase: z.enum(['snapshot', 'encrypt', 'rotate', 'done', 'failed', 'restore']), percent: z.number().int().min(0).max(100) }),
    '备份 / 恢复校验进度',
  ),
  'reports.changed': event(z.object({ lines: z.number().int() }), '报表底账已更新（新订单、发货、退款、费率改变后）'),
  'shops.changed': event(z.object({ id: z.number().int() }), '店铺状态变化（拉取、出错、暂停）'),
  'app.notice': event(
    z.object({
      level: z.enum(['info', 'warning', 'error']),
      message: z.string(),
      /** What it is about, for alert routing, grouping and throttling (桌面通知 / 群机器人). */
      kind: alertKind.optional(),
    }),
    '给店主的提示消息',
  ),
};

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]['payload']>;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
