import { WarningOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Shop } from '../../../../src-shared/contract/methods/shops.js';
import { useT } from '../../i18n/index.js';
import { isFiltered, NO_FILTER, withProblems, withStatus, type OrderFilterValues } from './filter.js';
import { LINE_STATUSES } from './labels.js';

/**
 * Shop, status, the problem queue, paid days (Beijing) and the two exact searches. The searches apply
 * on Enter, not per keystroke: an exact match on half an order id finds nothing and costs a query.
 */
export function OrderFilters(props: { value: OrderFilterValues; shops: Shop[]; onChange(next: OrderFilterValues): void }) {
  const t = useT();
  const { value, onChange } = props;
  // Drafts: what is typed or picked but not applied yet (the text) or kept as antd holds it (the days).
  const [buyer, setBuyer] = useState(value.buyer);
  const [orderId, setOrderId] = useState(value.platformOrderId);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);

  const clear = () => {
    setBuyer('');
    setOrderId('');
    setRange(null);
    onChange(NO_FILTER);
  };

  return (
    <Space wrap size={[8, 8]} data-testid="orders-filters">
      <Select<number>
        allowClear
        style={{ width: 160 }}
        placeholder={t('orders.filter.allShops')}
        value={value.shopId}
        onChange={(shopId) => onChange({ ...value, shopId })}
        options={props.shops.map((s) => ({ value: s.id, label: `${s.name}（${t(`shops.platform.${s.platform}`)}）` }))}
        popupMatchSelectWidth={false}
        aria-label={t('orders.filter.shop')}
        data-testid="orders-filter-shop"
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('orders.filter.allStatuses')}
        value={value.status}
        onChange={(status) => onChange(withStatus(value, status))}
        options={LINE_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
        aria-label={t('orders.filter.status')}
        data-testid="orders-filter-status"
      />
      <Button
        icon={<WarningOutlined />}
        type={value.problems ? 'primary' : 'default'}
        aria-pressed={value.problems}
        title={t('orders.problems.help')}
        onClick={() => onChange(withProblems(value, !value.problems))}
        data-testid="orders-filter-problems"
      >
        {t('orders.problems')}
      </Button>
      <DatePicker.RangePicker
        style={{ width: 240 }}
        value={range}
        placeholder={[t('orders.filter.from'), t('orders.filter.to')]}
        onChange={(dates) => {
          setRange(dates);
          const [from, to] = dates ?? [];
          onChange({ ...value, days: from && to ? [from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')] : undefined });
        }}
        data-testid="orders-filter-days"
      />
      <Input.Search
        allowClear
        style={{ width: 170 }}
        placeholder={t('orders.filter.buyer')}
        aria-label={t('orders.filter.buyer')}
        value={buyer}
        maxLength={64}
        onChange={(e) => setBuyer(e.target.value)}
        onSearch={(text) => onChange({ ...value, buyer: text.trim() })}
        data-testid="orders-filter-buyer"
      />
      <Input.Search
        allowClear
        style={{ width: 190 }}
        placeholder={t('orders.filter.orderId')}
        aria-label={t('orders.filter.orderId')}
        value={orderId}
        maxLength={64}
        onChange={(e) => setOrderId(e.target.value)}
        onSearch={(text) => onChange({ ...value, platformOrderId: text.trim() })}
        data-testid="orders-filter-order-id"
      />
      {isFiltered(value) && (
        <Button type="link" onClick={clear} data-testid="orders-filter-clear">
          {t('orders.filter.clear')}
        </Button>
      )}
    </Space>
  );
}
