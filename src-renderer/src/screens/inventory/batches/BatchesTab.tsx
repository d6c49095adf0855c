import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Batch } from '../../../../../src-shared/contract/methods/inventory.js';
import { formatDate, formatFen } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { expiryTone, keyStatuses } from '../labels.js';

/** 批次: what each purchase cost, when it expires, and how much of it is left. */
export function BatchesTab(props: { batches: Batch[]; loading: boolean; onShowKeys(batchId: number): void }) {
  const t = useT();
  const [now] = useState(() => Date.now());
  return (
    <Table<Batch>
      data-testid="batches-table"
      size="small"
      rowKey="id"
      loading={props.loading}
      dataSource={props.batches}
      pagination={props.batches.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 780 }}
      locale={{ emptyText: t('inventory.batches.empty') }}
      columns={[
        {
          title: t('inventory.batches.col.id'),
          dataIndex: 'id',
          width: 64,
          render: (v: number) => (
            <Tooltip title={t('inventory.batches.showKeys')}>
              <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => props.onShowKeys(v)} data-testid={`batch-keys-${v}`}>
                #{v}
              </Button>
            </Tooltip>
          ),
        },
        { title: t('inventory.batches.col.supplier'), dataIndex: 'supplier', width: 120, ellipsis: true, render: (v: string) => v || <Typography.Text type="secondary">{t('inventory.batch.noSupplier')}</Typography.Text> },
        { title: t('inventory.batches.col.unitCost'), dataIndex: 'unitCostFen', width: 88, align: 'right', render: (v: number) => formatFen(v) },
        { title: t('inventory.batches.col.purchased'), dataIndex: 'purchasedAt', width: 100, render: (v: number) => formatDate(v) },
        {
          title: t('inventory.batches.col.expires'),
          dataIndex: 'expiresAt',
          width: 124,
          render: (v: number | null) => {
            const tone = expiryTone(v, now);
            if (v === null) return <Typography.Text type="secondary">{t('inventory.batches.noExpiry')}</Typography.Text>;
            if (tone === 'expired') return <Tag color="red">{t('inventory.batches.expiredOn', { date: formatDate(v) })}</Tag>;
            if (tone === 'soon') return <Tag color="orange">{formatDate(v)}</Tag>;
            return formatDate(v);
          },
        },
        { title: t('inventory.batches.col.priority'), dataIndex: 'priority', width: 60, align: 'right' },
        {
          title: t('inventory.batches.col.counts'),
          key: 'counts',
          width: 130,
          render: (_, b) => {
            const total = keyStatuses.reduce((sum, s) => sum + b.stock[s.status], 0);
            const detail = keyStatuses.filter((s) => b.stock[s.status] > 0).map((s) => `${t(s.label)} ${b.stock[s.status]}`).join(' · ');
            return (
              <Tooltip title={detail || undefined}>
                <span>{t('inventory.batches.available', { available: b.stock.available, total })}</span>
              </Tooltip>
            );
          },
        },
        { title: t('inventory.batches.col.note'), dataIndex: 'note', ellipsis: true, render: (v: string) => v || '—' },
      ]}
    />
  );
}
