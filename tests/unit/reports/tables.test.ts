// Report tables as a merchant reads them in Excel and in a terminal: Chinese headers, 元 from 分,
// rates as fractions, Beijing times, 未填写供应商, statuses in words, totals, aligned text.
import { describe, expect, it } from 'vitest';
import type { HotReport, InventoryReport, ProfitReport, SupplierReport } from '../../../src-shared/contract/index.js';
import { NUMBER_FORMATS, reportTables, yuan } from '../../../src-shared/reports/report-tables.js';
import { STATEMENT_COLUMNS, StatementTotals, statementCells, statementStatus, type StatementLine } from '../../../src-shared/reports/statement-table.js';
import { cellText, displayWidth, tableText } from '../../../src-shared/reports/table-text.js';

const T = Date.parse('2026-11-05T23:59:59+08:00');
const money = { revenueFen: 123_456, refundFen: 1990, costFen: 60_000, feeFen: 607, profitFen: 60_859 };

describe('report tables', () => {
  it('turns 分 into 元 numbers exactly and names the Excel formats', () => {
    expect([yuan(1990), yuan(1), yuan(-5), yuan(0)]).toEqual([19.9, 0.01, -0.05, 0]);
    expect(NUMBER_FORMATS).toMatchObject({ money: '#,##0.00', rate: '0.00%', text: undefined });
  });

  it('ranks hot products with a totals row and a margin on what was kept', () => {
    const hot: HotReport = { rows: [{ productId: 1, productName: '爱奇艺月卡', units: 12, lines: 10, ...money }], totals: { units: 12, lines: 10, ...money } };
    const [t] = reportTables('hot', hot);
    expect(t!.title).toBe('热销商品');
    expect(t!.columns.map((c) => c.title)).toEqual(['排名', '商品', '数量', '订单行', '营业额', '退款', '成本', '平台费', '利润', '利润率']);
    expect(t!.rows[0]).toEqual([1, '爱奇艺月卡', 12, 10, 1234.56, 19.9, 600, 6.07, 608.59, 60_859 / (123_456 - 1990)]);
    expect(t!.totals!.slice(0, 2)).toEqual(['合计', null]);
  });

  it('titles the profit sheet by its grouping and leaves the margin empty when nothing was kept', () => {
    const profit: ProfitReport = { groupBy: 'shop', rows: [{ key: '3', label: '淘宝一店', lines: 1, units: 1, revenueFen: 100, refundFen: 100, costFen: 0, feeFen: 0, profitFen: 0 }], totals: { lines: 1, units: 1, revenueFen: 100, refundFen: 100, costFen: 0, feeFen: 0, profitFen: 0 } };
    const [t] = reportTables('profit', profit);
    expect(t!.title).toBe('利润分析（按店铺）');
    expect(t!.columns[0]!.title).toBe('店铺');
    expect(t!.rows[0]!.at(-1)).toBeNull();
  });

  it('writes inventory as three sheets with Beijing dates, 未填写供应商 and the expiring cost summed', () => {
    const inv: InventoryReport = {
      rangeDays: 30,
      products: [{ productId: 1, productName: '爱奇艺月卡', available: 10, sold: 0, dailyRate: 0, daysLeft: null, turnover: 0 }],
      batches: [{ batchId: 7, productId: 1, productName: '爱奇艺月卡', supplier: '', purchasedAt: T, unitCostFen: 1200, total: 10, available: 10, sent: 0, sellThrough: 0, daysOnShelf: 3, dailyRate: 0, daysLeft: null }],
      expiring: [
        { productId: 1, productName: '爱奇艺月卡', batchId: 7, supplier: '甲', keys: 2, costFen: 2400, firstExpiresAt: T, within: 7 },
        { productId: 1, productName: '爱奇艺月卡', batchId: 7, supplier: '甲', keys: 1, costFen: 1200, firstExpiresAt: T, within: 30 },
      ],
    };
    const tables = reportTables('inventory', inv);
    expect(tables.map((t) => t.title)).toEqual(['商品周转', '批次周转', '临期卡密']);
    expect(tables[0]!.columns[2]!.title).toBe('近 30 天发出');
    expect(tables[0]!.rows[0]![4]).toBeNull();
    expect(tables[1]!.rows[0]!.slice(2, 5)).toEqual(['未填写供应商', '2026-11-05', 12]);
    expect(tables[2]!.rows.map((r) => r[0])).toEqual(['7 天内', '8–30 天']);
    expect(tables[2]!.rows[0]![6]).toBe('2026-11-05 23:59:59');
    expect(tables[2]!.totals).toEqual(['合计', null, null, null, 3, 36, null]);
  });

  it('writes supplier quality per supplier and per batch', () => {
    const q = { delivered: 8, claims: 1, replaced: 1, claimRate: 0.125, replaceRate: 0.125 };
    const sup: SupplierReport = { suppliers: [{ supplier: '甲', batches: 2, ...q }], batches: [{ batchId: 1, productName: '爱奇艺月卡', supplier: '甲', purchasedAt: T, ...q }] };
    const [s, b] = reportTables('suppliers', sup);
    expect(s!.rows).toEqual([['甲', 2, 8, 1, 1, 0.125, 0.125]]);
    expect(b!.rows).toEqual([[1, '爱奇艺月卡', '甲', '2026-11-05', 8, 1, 1, 0.125, 0.125]]);
  });
});

describe('对账单 rows', () => {
  const line: StatementLine = {
    lineId: 5, paidAt: T, shopId: 1, shopName: '淘宝一店', platform: 'pdd', platformOrderId: 'P0002', productId: 1, productName: '爱奇艺月卡', units: 2,
    revenueFen: 3980, costFen: 3000, feeFen: 199, refundFen: 0, profitFen: 781, outcome: 'delivered', deliveredAt: null, sent: ['CARD****07（已作废）', '#12'],
  };

  it('says the status in words, money returned after delivery included', () => {
    expect(statementStatus({ outcome: 'delivered', refundFen: 0 })).toBe('已发货');
    expect(statementStatus({ outcome: 'delivered', refundFen: 100 })).toBe('已发货，已退款');
    expect(statementStatus({ outcome: 'waiting', refundFen: 0 })).toBe('待发货');
    expect(statementStatus({ outcome: 'failed', refundFen: 0 })).toBe('发货失败');
    expect(statementStatus({ outcome: 'refunded', refundFen: 100 })).toBe('已退款');
  });

  it('fills every column and sums the totals', () => {
    const cells = statementCells(line);
    expect(cells).toHaveLength(STATEMENT_COLUMNS.length);
    expect(cells).toEqual(['2026-11-05 23:59:59', '淘宝一店', '拼多多', 'P0002', '爱奇艺月卡', 2, 39.8, 30, 1.99, 0, 7.81, '已发货', null, 'CARD****07（已作废）、#12']);
    const totals = new StatementTotals();
    totals.add(line);
    totals.add({ ...line, units: 1, revenueFen: 1, profitFen: -3198 });
    expect(totals.cells()).toEqual(['合计', '2 行', null, null, null, 3, 39.81, 60, 3.98, 0, -24.17, null, null, null]);
  });
});

describe('terminal text', () => {
  it('formats money, rates and missing figures', () => {
    expect([cellText('money', 1234.56), cellText('money', -0.05), cellText('rate', 0.12345), cellText('decimal', 18.181), cellText('int', 3), cellText('text', null)])
      .toEqual(['¥1,234.56', '-¥0.05', '12.35%', '18.18', '3', '—']);
  });

  it('aligns columns by display width, Chinese taking two cells, numbers to the right', () => {
    expect(displayWidth('爱奇艺a')).toBe(7);
    const text = tableText({ title: '测试', columns: [{ title: '商品', kind: 'text', width: 10 }, { title: '金额', kind: 'money', width: 10 }], rows: [['爱奇艺', 1.5], ['Q', 1234.5]], totals: ['合计', 1236] });
    expect(text.split('\n')).toEqual(['【测试】', '商品         金额', '爱奇艺      ¥1.50', 'Q       ¥1,234.50', '合计    ¥1,236.00']);
    expect(tableText({ title: '空', columns: [], rows: [] })).toBe('【空】\n（没有数据）');
  });
});
