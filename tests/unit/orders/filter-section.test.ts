import { describe, expect, it } from 'vitest';
import { filterFromSection, NO_FILTER, toOrderFilter } from '../../../src-renderer/src/screens/orders/filter.js';

describe('orders screen address → filter (the 工作台 links)', () => {
  it('opens #/orders/out_of_stock on the out-of-stock lines', () => {
    expect(toOrderFilter(filterFromSection('out_of_stock'))).toEqual({ status: 'out_of_stock' });
  });

  it('opens unfiltered without a section, or with one that is not a line status', () => {
    expect(filterFromSection(undefined)).toEqual(NO_FILTER);
    expect(filterFromSection('nonsense')).toEqual(NO_FILTER);
  });
});
