import { describe, it, expect } from 'vitest';
import { filterFromOptions, parseBeijingTime } from '../../../src-main/hosts/cli/commands/audit.js';
import { UsageError } from '../../../src-main/hosts/cli/output.js';

describe('keydesk audit filter options', () => {
  it('reads Beijing wall-clock times; a bare day spans the whole day', () => {
    expect(parseBeijingTime('2026-01-10', 'from')).toBe(Date.UTC(2026, 0, 9, 16));
    expect(parseBeijingTime('2026-01-10', 'to')).toBe(Date.UTC(2026, 0, 10, 16) - 1);
    expect(parseBeijingTime('2026-01-10 08:30', 'from')).toBe(Date.UTC(2026, 0, 10, 0, 30));
    expect(parseBeijingTime('2026-01-10 08:30', 'to')).toBe(Date.UTC(2026, 0, 10, 0, 30, 59, 999));
    expect(parseBeijingTime('2026-01-10T08:30:15', 'to')).toBe(Date.UTC(2026, 0, 10, 0, 30, 15));
    expect(parseBeijingTime('1767225600000', 'from')).toBe(1767225600000);
  });

  it('takes Chinese titles or machine names, and several actions', () => {
    expect(filterFromOptions({ actor: '店主', action: ['立即发货,作废卡密', 'shop.update'], 'object-type': '订单行', 'object-id': '12' })).toEqual({
      actor: 'owner',
      action: ['dispatch.deliverNow', 'key.void', 'shop.update'],
      objectType: 'order_line',
      objectId: '12',
    });
    expect(filterFromOptions({ actor: 'someone-new' })).toEqual({ actor: 'someone-new' });
    expect(filterFromOptions({})).toEqual({});
  });

  it.each([
    [{ from: '昨天' }, '--from 的时间格式不对'],
    [{ to: '2026-02-30' }, '--to 不是有效的日期'],
    [{ from: '2026-01-10 25:00' }, '--from 不是有效的日期'],
    [{ 'object-id': '3' }, '--object-type：按对象编号筛选时请先选择对象类型'],
    [{ from: '2026-01-11', to: '2026-01-10' }, '--to：结束时间不能早于开始时间'],
    [{ actor: '  ' }, '--actor：'],
  ])('refuses %j with a Chinese usage error', (values, message) => {
    expect(() => filterFromOptions(values)).toThrow(UsageError);
    expect(() => filterFromOptions(values)).toThrow(message);
  });
});
