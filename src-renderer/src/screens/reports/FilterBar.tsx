import { Button, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import type { PlatformName } from '../../../../src-shared/contract/methods/shops.js';
import { dayOf } from '../../../../src-shared/reports/days.js';
import { useCall } from '../../hooks/useCall.js';
import { useT } from '../../i18n/index.js';
import { useNow } from '../risk/useRiskEvents.js';
import { presetRange, RANGE_PRESETS, type ReportFilterValues } from './filters.js';

interface Option<V> {
  value: V;
  label: string;
  /** Lower-case name and code: the search box finds a product by either. */
  search: string;
}

const matches = <V,>(input: string, option?: Option<V>) => option !== undefined && option.search.includes(input.trim().toLowerCase());
const DAY_FORMAT = 'YYYY-MM-DD';

/**
 * 日期 (Beijing days, with the usual presets), 平台, 店铺 and 商品: what every tab is narrowed by. Choosing
 * platforms narrows the shops offered, and drops chosen shops of other platforms.
 */
export function FilterBar(props: { value: ReportFilterValues; onChange(next: ReportFilterValues): void }) {
  const t = useT();
  const { value, onChange } = props;
  const shops = useCall('shops.list', {});
  const products = useCall('products.list', { includeArchived: true });
  // Re-read each minute: a screen left open over midnight offers the new day's presets.
  const now = useNow(60_000);
  const today = dayOf(now);

  const platformOptions = useMemo(() => {
    const present = [...new Set((shops.data ?? []).map((s) => s.platform))];
    return present.map((p): Option<PlatformName> => ({ value: p, label: t(`shops.platform.${p}`), search: p }));
  }, [shops.data, t]);
  const shopOptions = useMemo(
    () =>
      (shops.data ?? [])
        .filter((s) => value.platforms.length === 0 || value.platforms.includes(s.platform))
        .map((s): Option<number> => ({ value: s.id, label: s.name, search: s.name.toLowerCase() })),
    [shops.data, value.platforms],
  );
  const productOptions = useMemo(
    () => (products.data ?? []).map((p): Option<number> => ({ value: p.id, label: p.name, search: `${p.name} ${p.code}`.toLowerCase() })),
    [products.data],
  );

  const setPlatforms = (platforms: PlatformName[]) => {
    const keep = new Set((shops.data ?? []).filter((s) => platforms.length === 0 || platforms.includes(s.platform)).map((s) => s.id));
    onChange({ ...value, platforms, shopIds: value.shopIds.filter((id) => keep.has(id)) });
  };
  const setRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    if (!range?.[0] || !range[1]) return;
    onChange({ ...value, from: range[0].format(DAY_FORMAT), to: range[1].format(DAY_FORMAT) });
  };
  const filtered = value.platforms.length > 0 || value.shopIds.length > 0 || value.productIds.length > 0;

  return (
    <Space wrap size={[8, 8]} data-testid="reports-filters">
      <DatePicker.RangePicker
        allowClear={false}
        format={DAY_FORMAT}
        style={{ width: 240 }}
        value={[dayjs(value.from), dayjs(value.to)]}
        disabledDate={(d) => d.format(DAY_FORMAT) > today}
        presets={RANGE_PRESETS.map((p) => {
          const r = presetRange(p, now);
          return { label: <span data-testid={`reports-preset-${p}`}>{t(`reports.preset.${p}`)}</span>, value: [dayjs(r.from), dayjs(r.to)] };
        })}
        onChange={setRange}
        aria-label={t('reports.filter.range')}
        data-testid="reports-range"
      />
      <Select<PlatformName[], Option<PlatformName>>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ width: 140 }}
        placeholder={t('reports.filter.platforms')}
        aria-label={t('reports.filter.platforms')}
        value={value.platforms}
        onChange={setPlatforms}
        options={platformOptions}
        popupMatchSelectWidth={false}
        data-testid="reports-filter-platforms"
      />
      <Select<number[], Option<number>>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        showSearch={{ filterOption: matches }}
        style={{ width: 180 }}
        placeholder={t('reports.filter.shops')}
        aria-label={t('reports.filter.shops')}
        value={value.shopIds}
        onChange={(shopIds) => onChange({ ...value, shopIds })}
        options={shopOptions}
        loading={shops.loading}
        popupMatchSelectWidth={false}
        data-testid="reports-filter-shops"
      />
      <Select<number[], Option<number>>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        showSearch={{ filterOption: matches }}
        style={{ width: 200 }}
        placeholder={t('reports.filter.products')}
        aria-label={t('reports.filter.products')}
        value={value.productIds}
        onChange={(productIds) => onChange({ ...value, productIds })}
        options={productOptions}
        loading={products.loading}
        popupMatchSelectWidth={false}
        data-testid="reports-filter-products"
      />
      {filtered && (
        <Button type="link" onClick={() => onChange({ ...value, platforms: [], shopIds: [], productIds: [] })} data-testid="reports-filter-clear">
          {t('reports.filter.clear')}
        </Button>
      )}
    </Space>
  );
}
