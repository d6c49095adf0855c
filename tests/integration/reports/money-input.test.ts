// Bad input to the money reports and the fee rate, through `core.call` as every host sends it: refused with
// a Chinese message naming the field, nothing changed, nothing audited.
import { describe, expect, it } from 'vitest';
import type { Envelope, ErrorBody } from '../../../src-shared/contract/index.js';
import { openDesk } from '../aftersales/desk.js';

const refused = (e: Envelope<unknown>): ErrorBody => {
  if (e.ok) throw new Error(`expected a refusal, got ${JSON.stringify(e.data).slice(0, 200)}`);
  return e.error;
};

describe('money reports: bad input', () => {
  it('refuses impossible ranges and fee rates in Chinese, changing and auditing nothing', async () => {
    const d = await openDesk();
    const s = d.core.services;
    const state = () => ({
      rates: s.sqlite.prepare('select id, fee_rate_bp from shops order by id').all(),
      audit: s.sqlite.prepare('select count(*) from audit_log').pluck().get(),
    });
    const before = state();

    for (const method of ['reports.hot', 'reports.profit', 'reports.customers'] as const) {
      expect(refused(await d.core.call(method, { from: '2026-03-02', to: '2026-03-01' })).details).toMatchObject({ issues: [{ field: 'to', message: '结束日期不能早于开始日期' }] });
      expect(refused(await d.core.call(method, { from: '2026-02-30', to: '2026-03-01' })).details).toMatchObject({ issues: [{ field: 'from', message: '开始日期「2026-02-30」不存在' }] });
      expect(refused(await d.core.call(method, { from: '2022-01-01', to: '2025-03-01' })).details).toMatchObject({ issues: [{ field: 'to', message: '一次最多查询 3 年' }] });
      const slashed = refused(await d.core.call(method, { from: '2026/03/01', to: '2026-03-01' })).details as { issues: unknown[] };
      expect(slashed.issues).toEqual([{ field: 'from', message: '日期格式应为 2026-05-01' }]);
    }
    expect(refused(await d.core.call('reports.hot', { from: '2026-03-01', to: '2026-03-01', limit: 0 })).code).toBe('INVALID_INPUT');
    expect(refused(await d.core.call('reports.profit', { from: '2026-03-01', to: '2026-03-01', groupBy: 'week' })).code).toBe('INVALID_INPUT');

    const unknown = refused(await d.core.call('reports.setFeeRate', { shopId: 999, rateBp: 60 }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: '店铺不存在（编号 999），费率没有修改', details: { field: 'shopId', shopId: 999 } });
    for (const [rateBp, message] of [[3001, '费率不能超过 30%'], [-1, '费率不能为负'], [1.5, '费率须为整数（万分之一）']] as const) {
      const e = refused(await d.core.call('reports.setFeeRate', { shopId: d.shopId, rateBp }));
      expect(e, String(rateBp)).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ field: 'rateBp', message }] } });
    }
    expect(state()).toEqual(before);
  });
});
