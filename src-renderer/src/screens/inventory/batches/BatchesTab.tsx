import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Batch } from '../../../../../src-shared/contract/methods/inventory.js';
import type { Shop } from '../../../../../src-shared/contract/methods/shops.js';
import { formatDate, formatFen } from '../../../../../src-shared/format.js';
import { useCall } from '../../../hooks/useCall.js';
import { useT } from '../../../i18n/index.js';
import { expiryTone, keyStatuses } from '../labels.js';
import { PinBatchModal } from './PinBatchModal.js';
import { PinTags } from './PinTags.js';

/** What `inventory.pinBatch` answered, laid over the list it was saved against until the parent reads it again. */
interface Saved {
  base: Batch[];
  byId: ReadonlyMap<number, Batch>;
}

/**
 * 批次: what each purchase cost, when it expires, how much of it is left, and whom it is reserved for
 * (批次专用). `onPinned` lets the owner of the list re-read it; until then the saved row is shown as answered.
 */
export function BatchesTab(props: { batches: Batch[]; loading: boolean; onShowKeys(batchId: number): void; onPinned?(batch: Batch): void }) {
  const t = useT();
  const [now] = useState(() => Date.now());
  const shops = useCall('shops.list', {});
  const shopsById = useMemo(() => new Map<number, Shop>((shops.data ?? []).map((s) => [s.id, s])), [shops.data]);
  const [saved, setSaved] = useState<Saved>({ base: props.batches, byId: new Map() });
  // `opening` keys the modal: each opening starts a fresh form, and closing keeps it mounted for the animation.
  const [pin, setPin] = useState<{ batchId: number; open: boolean; opening: number }>({ batchId: 0, open: false, opening: 0 });

  const rows = saved.base === props.batches && saved.byId.size > 0 ? props.batches.map((b) => saved.byId.get(b.id) ?? b) : props.batches;
  const pinBatch = rows.find((b) => b.id === pin.batchId);

  const openPin = (batchId: number) => {
    setPin((p) => ({ batchId, open: true, opening: p.opening + 1 }));
    shops.reload(); // a shop added since the tab opened should be offered
  };

  const onSaved = (batch: Batch) => {
    setSaved((prev) => ({ base: props.batches, byId: new Map(prev.base === props.batches ? prev.byId : []).set(batch.id, batch) }));
    props.onPinned?.(batch);
  };

  return (
    <>
      <Table<Batch>
        data-testid="batches-table"
        size="small"
        rowKey="id"
        loading={props.loading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 1040 }}
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
          {
            title: t('inventory.batches.col.pin'),
            key: 'pin',
            width: 190,
            render: (_, b) => <PinTags batch={b} shops={shopsById} now={now} />,
          },
          { title: t('inventory.batches.col.note'), dataIndex: 'note', ellipsis: true, render: (v: string) => v || '—' },
          {
            title: t('inventory.batches.col.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right',
            render: (_, b) => (
              <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => openPin(b.id)} data-testid={`batch-pin-edit-${b.id}`}>
                {t('inventory.batches.pin.action')}
              </Button>
            ),
          },
        ]}
      />
      {pinBatch && (
        <PinBatchModal
          key={pin.opening}
          open={pin.open}
          batch={pinBatch}
          shops={shops.data ?? []}
          shopsLoading={shops.loading}
          shopsError={shops.error}
          onSaved={onSaved}
          onClose={() => setPin((p) => ({ ...p, open: false }))}
        />
      )}
    </>
  );
}
