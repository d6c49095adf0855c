// Delivery helpers that more than one adapter needs: where the keys may ride along, and what a
// "wrong state" refusal really meant.
import { ChannelError } from './errors.js';
import type { DeliveryOutcome, DeliveryRequest, PlatformOrder } from './types.js';

/**
 * True when calls go to KeyDesk's local sandbox. Only then does a delivery carry the keys in the
 * sandbox-only `keydesk_message` field: no real gateway (production or the platform's own test one)
 * ever receives them through a field it would ignore and log.
 */
export function isLocalSandbox(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/**
 * A "wrong state" / "nothing to ship" refusal may mean the line shipped already (a resend after a crash:
 * success) or that it may not ship (unpaid, closed, refunded: give up). `order` is the order read back
 * after the refusal (null when the platform no longer knows it).
 */
export function settleRefusal(platform: string, order: PlatformOrder | null, request: DeliveryRequest, refusal: ChannelError): DeliveryOutcome {
  const line = order?.lines.find((l) => l.lineId === request.line.lineId);
  if (order && line && line.refund !== 'refunded' && (order.status === 'shipped' || order.status === 'done')) {
    return { result: 'already', raw: order.raw };
  }
  const state = order ? `订单状态 ${order.platformStatus}${line?.refund === 'refunded' ? '，该商品已退款' : ''}` : '订单已不存在';
  throw new ChannelError('give_up', `${platform}不允许这笔订单发货（${state}）`, refusal.details);
}
