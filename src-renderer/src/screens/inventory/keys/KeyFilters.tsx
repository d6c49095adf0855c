import { SearchOutlined } from '@ant-design/icons';
import { Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { Batch, KeyStatus } from '../../../../../src-shared/contract/methods/inventory.js';
import { formatDate } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { keyStatuses } from '../labels.js';

export interface KeyFilterValues {
  status: KeyStatus | undefined;
  batchId: number | undefined;
  cardNo: string;
}

const SEARCH_DELAY_MS = 350;

/** Status, batch and a card-number prefix; typing is debounced so each keystroke is not a query. */
export function KeyFilters(props: { value: KeyFilterValues; batches: Batch[]; onChange(next: KeyFilterValues): void }) {
  const t = useT();
  const { value, onChange } = props;
  const [typed, setTyped] = useState(value.cardNo);

  useEffect(() => {
    if (typed.trim() === value.cardNo) return;
    const timer = setTimeout(() => onChange({ ...value, cardNo: typed.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, value, onChange]);

  return (
    <Space wrap>
      <Select<KeyStatus>
        allowClear
        style={{ width: 124 }}
        placeholder={t('inventory.keys.allStatuses')}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={keyStatuses.map((s) => ({ value: s.status, label: t(s.label) }))}
        data-testid="keys-filter-status"
      />
      <Select<number>
        allowClear
        style={{ width: 170 }}
        placeholder={t('inventory.keys.allBatches')}
        value={value.batchId}
        onChange={(batchId) => onChange({ ...value, batchId })}
        options={props.batches.map((b) => ({ value: b.id, label: batchLabel(t, b) }))}
        popupMatchSelectWidth={false}
        data-testid="keys-filter-batch"
      />
      <Input
        allowClear
        style={{ width: 180 }}
        prefix={<SearchOutlined />}
        placeholder={t('inventory.keys.searchCardNo')}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        maxLength={100}
        data-testid="keys-filter-card"
      />
    </Space>
  );
}

export function batchLabel(t: ReturnType<typeof useT>, b: Batch): string {
  return t('inventory.batch.label', { id: b.id, date: formatDate(b.purchasedAt), supplier: b.supplier || t('inventory.batch.noSupplier') });
}
