// Every report as tables a person reads: Chinese column titles and one row per figure, money in 元 (a
// number with 2 decimals), rates as fractions, times in Beijing. The .xlsx export writes one sheet per
// table and `keydesk report` prints them, so both read the same. Pure: no Node, no DOM.
import type { CustomerReport, HotReport, InventoryReport, ProfitReport, ReportName, SupplierReport } from '../contract/methods/reports.js';
import { PLATFORM_TITLES } from '../contract/methods/shops.js';
import { formatDate, formatTime } from '../format.js';

/** How a column's values are written: Excel number format in the file, and their text in a terminal. */
export type ColumnKind = 'text' | 'int' | 'money' | 'rate' | 'decimal';

export interface ReportColumn {
  title: string;
  kind: ColumnKind;
  width: number;
}

/** null = no figure (shown empty in Excel, `—` in a terminal). */
export type ReportCell = string | number | null;

export interface ReportTable {
  /** The sheet's name (unique within a report, at most 31 characters: an Excel limit). */
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  totals?: ReportCell[];
}

export const REPORT_TITLES: Record<ReportName, string> = {
  hot: '热销商品',
  profit: '利润分析',
  customers: '客户来源',
  inventory: '库存周转',
  suppliers: '供应商质量',
  statement: '对账单',
};

/** Suppliers the owner left empty at import. */
export const NO_SUPPLIER = '未填写供应商';

export const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, int: '0', money: '#,##0.00', rate: '0.00%', decimal: '0.00' };

/** Integer 分 → 元 as a number (19.9 for 1990 分); the sheet shows it with two decimals. */
export function yuan(fen: number): number {
  return Math.round(fen) / 100;
}

const col = (title: string, kind: ColumnKind, width = kind === 'text' ? 16 : 12): ReportColumn => ({ title, kind, width });
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

// ── 热销商品 · 利润分析 ───────────────────────────────────────────────────────────────────────────────

const MONEY_COLUMNS = [col('营业额', 'money'), col('退款', 'money'), col('成本', 'money'), col('平台费', 'money'), col('利润', 'money'), col('利润率', 'rate', 10)];

interface Money { revenueFen: number; refundFen: number; costFen: number; feeFen: number; profitFen: number }

function moneyCells(m: Money): ReportCell[] {
  return [yuan(m.revenueFen), yuan(m.refundFen), yuan(m.costFen), yuan(m.feeFen), yuan(m.profitFen), ratio(m.profitFen, m.revenueFen - m.refundFen)];
}

function hotTables(r: HotReport): ReportTable[] {
  return [{
    title: REPORT_TITLES.hot,
    columns: [col('排名', 'int', 6), col('商品', 'text', 24), col('数量', 'int', 8), col('订单行', 'int', 8), ...MONEY_COLUMNS],
    rows: r.rows.map((p, i) => [i + 1, p.productName, p.units, p.lines, ...moneyCells(p)]),
    totals: ['合计', null, r.totals.units, r.totals.lines, ...moneyCells(r.totals)],
  }];
}

const GROUP_TITLES: Record<ProfitReport['groupBy'], string> = { day: '日期', product: '商品', shop: '店铺' };

function profitTables(r: ProfitReport): ReportTable[] {
  return [{
    title: `${REPORT_TITLES.profit}（按${GROUP_TITLES[r.groupBy]}）`,
    columns: [col(GROUP_TITLES[r.groupBy], 'text', r.groupBy === 'day' ? 12 : 24), col('订单行', 'int', 8), col('数量', 'int', 8), ...MONEY_COLUMNS],
    rows: r.rows.map((p) => [p.label, p.lines, p.units, ...moneyCells(p)]),
    totals: ['合计', r.totals.lines, r.totals.units, ...moneyCells(r.totals)],
  }];
}

// ── 客户来源 ──────────────────────────────────────────────────────────────────────────────────────

const SOURCE_COLUMNS = [
  col('订单数', 'int', 8), col('买家数', 'int', 8), col('新客', 'int', 8), col('回头客', 'int', 8),
  col('营业额', 'money'), col('新客营业额', 'money'), col('回头客营业额', 'money'),
];

interface Source { orders: number; buyers: number; newBuyers: number; returningBuyers: number; revenueFen: number; newRevenueFen: number; returningRevenueFen: number }

function sourceCells(s: Source): ReportCell[] {
  return [s.orders, s.buyers, s.newBuyers, s.returningBuyers, yuan(s.revenueFen), yuan(s.newRevenueFen), yuan(s.returningRevenueFen)];
}

function customerTables(r: CustomerReport): ReportTable[] {
  return [
    { title: '总览', columns: [...SOURCE_COLUMNS, col('无地区的订单', 'int')], rows: [[...sourceCells(r.totals), r.withoutRegion]] },
    { title: '按平台', columns: [col('平台', 'text', 12), ...SOURCE_COLUMNS], rows: r.byPlatform.map((s) => [s.platform ? PLATFORM_TITLES[s.platform] : s.label, ...sourceCells(s)]) },
    {
      title: '按店铺',
      columns: [col('店铺', 'text', 20), col('平台', 'text', 10), ...SOURCE_COLUMNS],
      rows: r.byShop.map((s) => [s.label, s.platform ? PLATFORM_TITLES[s.platform] : null, ...sourceCells(s)]),
    },
    {
      title: '按天',
      columns: [col('日期', 'text', 12), col('订单数', 'int', 8), col('新客', 'int', 8), col('回头客订单', 'int', 10)],
      rows: r.byDay.map((d) => [d.day, d.orders, d.newBuyers, d.returningOrders]),
    },
    { title: '按地区', columns: [col('地区', 'text', 12), col('订单数', 'int', 8), col('营业额', 'money')], rows: r.byRegion.map((g) => [g.region, g.orders, yuan(g.revenueFen)]) },
  ];
}

// ── 库存周转 ──────────────────────────────────────────────────────────────────────────────────────

export const supplierName = (supplier: string): string => supplier || NO_SUPPLIER;

function inventoryTables(r: InventoryReport): ReportTable[] {
  return [
    {
      title: '商品周转',
      columns: [col('商品', 'text', 24), col('可用库存', 'int'), col(`近 ${r.rangeDays} 天发出`, 'int'), col('日均发出', 'decimal'), col('可售天数', 'decimal'), col('周转率', 'rate', 10)],
      rows: r.products.map((p) => [p.productName, p.available, p.sold, p.dailyRate, p.daysLeft, p.turnover]),
    },
    {
      title: '批次周转',
      columns: [
        col('批次', 'int', 8), col('商品', 'text', 24), col('供应商', 'text'), col('采购日期', 'text', 12), col('单位成本', 'money'), col('总数', 'int', 8),
        col('可用', 'int', 8), col('已发出', 'int', 8), col('售出比例', 'rate', 10), col('在架天数', 'int', 10), col('日均发出', 'decimal'), col('可售天数', 'decimal'),
      ],
      rows: r.batches.map((b) => [
        b.batchId, b.productName, supplierName(b.supplier), formatDate(b.purchasedAt), yuan(b.unitCostFen), b.total,
        b.available, b.sent, b.sellThrough, b.daysOnShelf, b.dailyRate, b.daysLeft,
      ]),
    },
    {
      title: '临期卡密',
      columns: [col('到期', 'text', 10), col('商品', 'text', 24), col('批次', 'int', 8), col('供应商', 'text'), col('卡密数', 'int', 8), col('成本', 'money'), col('最早到期', 'text', 20)],
      rows: r.expiring.map((e) => [e.within === 7 ? '7 天内' : '8–30 天', e.productName, e.batchId, supplierName(e.supplier), e.keys, yuan(e.costFen), formatTime(e.firstExpiresAt)]),
      totals: ['合计', null, null, null, r.expiring.reduce((n, e) => n + e.keys, 0), yuan(r.expiring.reduce((n, e) => n + e.costFen, 0)), null],
    },
  ];
}

// ── 供应商质量 ────────────────────────────────────────────────────────────────────────────────────

const QUALITY_COLUMNS = [col('已发出', 'int', 8), col('索赔', 'int', 8), col('换卡', 'int', 8), col('索赔率', 'rate', 10), col('换卡率', 'rate', 10)];

function supplierTables(r: SupplierReport): ReportTable[] {
  return [
    {
      title: '供应商',
      columns: [col('供应商', 'text', 20), col('批次数', 'int', 8), ...QUALITY_COLUMNS],
      rows: r.suppliers.map((s) => [supplierName(s.supplier), s.batches, s.delivered, s.claims, s.replaced, s.claimRate, s.replaceRate]),
    },
    {
      title: '批次',
      columns: [col('批次', 'int', 8), col('商品', 'text', 24), col('供应商', 'text', 20), col('采购日期', 'text', 12), ...QUALITY_COLUMNS],
      rows: r.batches.map((b) => [b.batchId, b.productName, supplierName(b.supplier), formatDate(b.purchasedAt), b.delivered, b.claims, b.replaced, b.claimRate, b.replaceRate]),
    },
  ];
}

export interface ReportOutputs {
  hot: HotReport;
  profit: ProfitReport;
  customers: CustomerReport;
  inventory: InventoryReport;
  suppliers: SupplierReport;
}

const BUILDERS: { [N in keyof ReportOutputs]: (output: ReportOutputs[N]) => ReportTable[] } = {
  hot: hotTables,
  profit: profitTables,
  customers: customerTables,
  inventory: inventoryTables,
  suppliers: supplierTables,
};

/** A report's output as the tables of its sheets (the 对账单 streams: see statement-table.ts). */
export function reportTables<N extends keyof ReportOutputs>(name: N, output: ReportOutputs[N]): ReportTable[] {
  return (BUILDERS[name] as (o: ReportOutputs[N]) => ReportTable[])(output);
}
