// The timeline in the owner's words: a Chinese sentence per step from its structured detail. Pure, so
// the screen and the CLI never show `platformStatus: …` field names.
import type { TimelineKind } from './timeline.js';

type Detail = Record<string, unknown> | null;

const SOURCES: Record<string, string> = { poll: '定时拉取', push: '平台推送', readback: '回查' };
const RISK_ACTIONS: Record<string, string> = { allow: '放行', review: '转人工审核', verify: '要求二次验证', delay: '延迟发货', block: '拦截' };
const RESULTS: Record<string, string> = { delivered: '平台确认成功', already: '平台显示此前已发过（重发时的正常情况，未重复发货）', readback: '回查平台：已发货' };

const count = (v: unknown): number => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : 0);
const seconds = (ms: unknown): string => `${Math.max(1, Math.round(Number(ms) / 1000))} 秒`;

export function describeStep(kind: TimelineKind, detail: Detail): string {
  const d = detail ?? {};
  switch (kind) {
    case 'captured':
      return `${SOURCES[String(d.source)] ?? '拉取'}收到，平台状态 ${String(d.platformStatus)}，共 ${count(d.lines)} 行`;
    case 'updated':
    case 'push':
      return `${SOURCES[String(d.source)] ?? '拉取'}：平台状态变为 ${String(d.platformStatus)}`;
    case 'risk': {
      const reasons = Array.isArray(d.reasons) && d.reasons.length ? `：${d.reasons.join('；')}` : '';
      return `${RISK_ACTIONS[String(d.action)] ?? String(d.action)}（风险分 ${Number(d.score ?? 0)}）${reasons}`;
    }
    case 'reserved':
      return `锁定 ${count(d.keyIds)} 张卡密（按到期早、批次优先级先用）`;
    case 'out_of_stock':
      return `需要 ${Number(d.keysNeeded)} 张，可用不足；补货后按付款顺序自动发货`;
    case 'unmapped':
      return `平台商品 ${String(d.itemId)}${d.skuId ? ` / SKU ${String(d.skuId)}` : ''}${d.outerId ? `（商家编码 ${String(d.outerId)}）` : ''} 还没有关联本地商品`;
    case 'mapped':
      return `已关联到「${String(d.productName)}」，每件 ${Number(d.quantity)} 张`;
    case 'held':
      return String(d.reason ?? '已暂停，等待店主处理');
    case 'sending':
      return `第 ${Number(d.attempt)} 次调用平台发货接口`;
    case 'delivered':
    case 'reconciled':
      return RESULTS[String(d.result)] ?? '平台确认成功';
    case 'retry_scheduled':
      return `${String(d.error)}；${seconds(d.inMs)}后用同一批卡密重试`;
    case 'delivery_failed':
      return `${String(d.error)}；需要店主处理（可点“重试”）`;
    case 'released':
      return `${count(d.keyIds)} 张卡密退回库存`;
    case 'cancelled':
      return `${String(d.reason)}${count(d.releasedKeys) ? `，${count(d.releasedKeys)} 张卡密退回库存` : ''}`;
    case 'refund_requested':
      return d.paused ? '买家申请退款，尚未发出的暂停发货' : '买家申请退款（卡密已发出，请留意售后）';
    case 'refund_cleared':
      return '退款申请已撤销或被拒绝，恢复发货';
    case 'refunded':
      return '平台显示已退款';
    case 'retry':
      return '店主要求用同一批卡密重发';
    case 'deliver_now':
      return '店主要求立即发货';
    case 'ask_buyer':
    case 'topup_failed':
    case 'topup_paused':
      return String(d.reason ?? d.error ?? '');
    case 'account_set':
      return `${d.actor === 'owner' ? '店主' : '系统'}填写充值账号 ${String(d.account ?? '')}${d.reason ? `（${String(d.reason)}）` : ''}`;
    case 'topup_queued':
      return `充值账号 ${String(d.account ?? '')}，${d.route === 'rpa' ? '由充值网站自动操作' : '通过供应商接口'}充值`;
    case 'topup_submitted':
      return `第 ${Number(d.attemptNo)} 次提交充值（单号 ${String(d.customerOrderNo)}）`;
    case 'topup_result':
      return String(d.text ?? '');
    case 'topup_reconciled':
      return String(d.text ?? '');
    case 'aftersales':
    case 'redemption':
      return `${String(d.text ?? '')}${d.reason ? `（原因：${String(d.reason)}）` : ''}`;
  }
}
