// 独立站 JSON (PROTOCOL.md) → KeyDesk's normalised shapes. Amounts must already be integer 分 and
// times Unix ms: anything else is the site's bug, reported as bad_response rather than guessed at.
import { z } from 'zod';
import { ChannelError } from '../errors.js';
import type { OrderStatus, PlatformOrder, RefundNotice, RefundState } from '../types.js';

const fen = z.number().int().nonnegative();
const ms = z.number().int().nonnegative();
const text = z.string().nullish();

const lineSchema = z.object({
  id: z.string().min(1),
  product_id: z.string().nullish(),
  sku_id: z.string().nullish(),
  outer_id: text,
  title: text,
  quantity: z.number().int().positive(),
  unit_price: fen,
  refund_status: z.enum(['none', 'requested', 'refunded']).default('none'),
  recharge_account: text,
});

export const orderSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  amount: fen,
  paid_at: ms.nullish(),
  updated_at: ms,
  buyer: z
    .object({ id: text, name: text, email: text, phone: text, ip: text, device_id: text, region: text })
    .nullish(),
  note: text,
  risk_flags: z.array(z.string()).nullish(),
  lines: z.array(lineSchema).min(1),
});

const refundSchema = z.object({
  id: z.string().min(1),
  order_id: z.string().min(1),
  line_id: z.string().nullish(),
  status: z.string(),
  amount: fen,
  updated_at: ms,
});

/** pending → unpaid · paid · delivered → shipped · completed → done · closed / cancelled / refunded → closed. */
export function orderStatusOf(status: string): OrderStatus {
  switch (status) {
    case 'paid':
      return 'paid';
    case 'delivered':
      return 'shipped';
    case 'completed':
      return 'done';
    case 'closed':
    case 'cancelled':
    case 'refunded':
      return 'closed';
    default:
      // pending and anything unknown: never a reason to deliver.
      return 'unpaid';
  }
}

export function refundStateOf(status: string): RefundState {
  if (status === 'refunded') return 'refunded';
  if (status === 'requested') return 'requested';
  return 'none';
}

function badShape(what: string, err: z.ZodError): ChannelError {
  const where = err.issues[0]?.path.join('.') || '整体';
  return new ChannelError('bad_response', `独立站返回的${what}格式不对（${where}：${err.issues[0]?.message ?? ''}）`, {
    platformMessage: err.message.slice(0, 200),
  });
}

const clean = <T extends object>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;

export function toPlatformOrder(raw: unknown): PlatformOrder {
  const parsed = orderSchema.safeParse(raw);
  if (!parsed.success) throw badShape('订单', parsed.error);
  const o = parsed.data;
  const b = o.buyer ?? {};
  return {
    orderId: o.id,
    status: orderStatusOf(o.status),
    platformStatus: o.status,
    amountFen: o.amount,
    paidAt: o.paid_at ?? null,
    updatedAt: o.updated_at,
    buyer: clean({ id: b.id ?? undefined, nick: b.name ?? undefined, email: b.email ?? undefined, phone: b.phone ?? undefined, ip: b.ip ?? undefined, deviceId: b.device_id ?? undefined, region: b.region ?? undefined }),
    ...(o.note ? { buyerMessage: o.note } : {}),
    lines: o.lines.map((l) => ({
      lineId: l.id,
      itemId: l.product_id ?? '',
      skuId: l.sku_id ?? '',
      outerId: l.outer_id ?? '',
      title: l.title ?? '',
      quantity: l.quantity,
      priceFen: l.unit_price,
      refund: l.refund_status,
      ...(l.recharge_account ? { rechargeAccount: l.recharge_account } : {}),
    })),
    ...(o.risk_flags && o.risk_flags.length > 0 ? { riskFlags: o.risk_flags } : {}),
    raw,
  };
}

export function toRefundNotice(raw: unknown): RefundNotice {
  const parsed = refundSchema.safeParse(raw);
  if (!parsed.success) throw badShape('退款记录', parsed.error);
  const r = parsed.data;
  return {
    orderId: r.order_id,
    lineId: r.line_id ?? '',
    refundId: r.id,
    state: refundStateOf(r.status),
    amountFen: r.amount,
    updatedAt: r.updated_at,
    raw,
  };
}
