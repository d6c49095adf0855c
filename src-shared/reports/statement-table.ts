// 对账单: every paid order line of a range with what it brought in and cost, for checking against the
// platform's own statement. The core streams the lines (a year can be a million); these are the columns
// and words they are written with. Keys are only ever masked here. Pure.
import type { PlatformName } from '../contract/methods/shops.js';
import { PLATFORM_TITLES } from '../contract/methods/shops.js';
import { formatTime } from '../format.js';
import { yuan, type ReportCell, type ReportColumn } from './report-tables.js';

export type LineOutcome = 'delivered' | 'waiting' | 'failed' | 'refunded';

/** One line of the 对账单 (also what `keydesk report statement --json` prints). Money in 分. */
export interface StatementLine {
  lineId: number;
  paidAt: number;
  shopId: number;
  shopName: string;
  platform: PlatformName;
  platformOrderId: string;
  productId: number;
  productName: string;
  units: number;
  revenueFen: number;
  costFen: number;
  feeFen: number;
  refundFen: number;
  profitFen: number;
  outcome: LineOutcome;
  deliveredAt: number | null;
  /** What went to the buyer, masked: each key's card number (`C123****89`) or `#key id`, a 直充 account. */
  sent: string[];
}

const OUTCOME_TITLES: Record<LineOutcome, string> = { delivered: '已发货', waiting: '待发货', failed: '发货失败', refunded: '已退款' };

/** 已发货 / 待发货 / 发货失败 / 已退款, and 已发货，已退款 for money returned after delivery. */
export function statementStatus(line: Pick<StatementLine, 'outcome' | 'refundFen'>): string {
  return line.outcome === 'delivered' && line.refundFen > 0 ? '已发货，已退款' : OUTCOME_TITLES[line.outcome];
}

const c = (title: string, kind: ReportColumn['kind'], width: number): ReportColumn => ({ title, kind, width });

export const STATEMENT_COLUMNS: ReportColumn[] = [
  c('付款时间', 'text', 20), c('店铺', 'text', 16), c('平台', 'text', 10), c('平台订单号', 'text', 22), c('商品', 'text', 24), c('数量', 'int', 6),
  c('售价', 'money', 11), c('成本', 'money', 11), c('平台费', 'money', 10), c('退款', 'money', 11), c('利润', 'money', 11),
  c('状态', 'text', 14), c('发货时间', 'text', 20), c('卡密（已打码）', 'text', 40),
];

export function statementCells(l: StatementLine): ReportCell[] {
  return [
    formatTime(l.paidAt), l.shopName, PLATFORM_TITLES[l.platform], l.platformOrderId, l.productName, l.units,
    yuan(l.revenueFen), yuan(l.costFen), yuan(l.feeFen), yuan(l.refundFen), yuan(l.profitFen),
    statementStatus(l), l.deliveredAt === null ? null : formatTime(l.deliveredAt), l.sent.join('、'),
  ];
}

/** The sums of the lines seen so far; equal to the profit report's totals for the same filter. */
export class StatementTotals {
  lines = 0;
  units = 0;
  revenueFen = 0;
  costFen = 0;
  feeFen = 0;
  refundFen = 0;
  profitFen = 0;

  add(l: StatementLine): void {
    this.lines += 1;
    this.units += l.units;
    this.revenueFen += l.revenueFen;
    this.costFen += l.costFen;
    this.feeFen += l.feeFen;
    this.refundFen += l.refundFen;
    this.profitFen += l.profitFen;
  }

  cells(): ReportCell[] {
    return [
      '合计', `${this.lines} 行`, null, null, null, this.units,
      yuan(this.revenueFen), yuan(this.costFen), yuan(this.feeFen), yuan(this.refundFen), yuan(this.profitFen), null, null, null,
    ];
  }
}
