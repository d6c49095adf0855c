// The sales ledger on a real core: fees stay whole 分 after a fee-rate change, and an order seen again while
// its lines wait to be counted is captured again (the report triggers never break capture).
import { describe, expect, it } from 'vitest';
import { expectOk } from '../../helpers/core.js';
import { openDesk } from '../aftersales/desk.js';

const KEYS = 'LEDGER-KEY-0001\nLEDGER-KEY-0002\nLEDGER-KEY-0003';

describe('sales ledger', () => {
  it('a fee rate change recomputes the fees in whole 分, rounded half up, and the reports still read them', async () => {
    const d = await openDesk({ keys: KEYS });
    const lineId = await d.delivered();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const hot = () => d.core.call('reports.hot', { from: today, to: today });
    expectOk(await hot());
    const fee = d.core.services.sqlite.prepare('select fee_fen as fee, typeof(fee_fen) as type from sales_lines where line_id = ?');
    expect(fee.get(lineId)).toEqual({ fee: 0, type: 'integer' });

    // 19.90 元 × 0.6% = 0.1194 元 → 12 分; × 0.65% = 12.935 → 13 分 (half up).
    expectOk(await d.core.call('reports.setFeeRate', { shopId: d.shopId, rateBp: 60 }));
    expect(fee.get(lineId)).toEqual({ fee: 12, type: 'integer' });
    expectOk(await d.core.call('reports.setFeeRate', { shopId: d.shopId, rateBp: 65 }));
    expect(fee.get(lineId)).toEqual({ fee: 13, type: 'integer' });
    expect(expectOk<{ totals: { feeFen: number; profitFen: number } }>(await hot()).totals).toMatchObject({ feeFen: 13, profitFen: 1990 - 1500 - 13 });
  });

  it('an order seen again while its lines wait in report_dirty is captured again', async () => {
    const d = await openDesk({ keys: KEYS });
    const lineId = await d.delivered();
    const sqlite = d.core.services.sqlite;
    expect(sqlite.prepare('select count(*) from report_dirty where line_id = ?').pluck().get(lineId)).toBe(1);
    const orderNo = sqlite.prepare('select platform_order_id from order_lines where id = ?').pluck().get(lineId) as string;
    d.platform.update(orderNo, { buyerMessage: '请尽快发货' });
    await d.sync();
    expect(sqlite.prepare('select count(*) from order_events where order_id = (select order_id from order_lines where id = ?) and kind = ?').pluck().get(lineId, 'updated')).toBe(1);
    expect(sqlite.prepare('select count(*) from report_dirty where line_id = ?').pluck().get(lineId)).toBe(1);
  });
});
