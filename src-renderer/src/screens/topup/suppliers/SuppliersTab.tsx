import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Supplier } from '../../../../../src-shared/contract/methods/topup.js';
import { formatFen } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { GoodsLookupModal } from './GoodsLookupModal.js';
import { SUPPLIER_TABLE_WIDTH, supplierColumns, type SupplierAction } from './supplier-columns.js';
import { SupplierFormModal } from './SupplierFormModal.js';

/** 供应商: the supplier APIs top-ups and restock buy from, their balance and health. */
export function SuppliersTab() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const suppliers = useCall('suppliers.list', {});
  const [busy, setBusy] = useState<Partial<Record<number, SupplierAction>>>({});
  const [editing, setEditing] = useState<Supplier | 'new'>();
  const [goodsOf, setGoodsOf] = useState<Supplier>();

  const track = async (s: Supplier, action: SupplierAction, work: () => Promise<void>) => {
    setBusy((b) => ({ ...b, [s.id]: action }));
    try {
      await work();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(({ [s.id]: _done, ...rest }) => rest);
      suppliers.reload();
    }
  };

  const columns = supplierColumns({
    t,
    busy,
    onBalance: (s) =>
      void track(s, 'balance', async () => {
        const saved = await call('suppliers.refreshBalance', { id: s.id });
        message.success(t('topup.supplier.balanceDone', { name: saved.name, balance: saved.balanceFen === null ? '—' : formatFen(saved.balanceFen) }));
      }),
    onPause: (s, paused) =>
      void track(s, 'pause', async () => {
        const saved = await call('suppliers.update', { id: s.id, paused });
        message.success(t(paused ? 'topup.supplier.paused' : 'topup.supplier.resumed', { name: saved.name }));
      }),
    onGoods: setGoodsOf,
    onEdit: setEditing,
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 760 }}>
          {t('topup.supplier.explain')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="supplier-add">
          {t('topup.supplier.add')}
        </Button>
      </Flex>
      {suppliers.error !== undefined && (
        <Alert type="error" showIcon title={errorText(suppliers.error)} action={<Button size="small" onClick={suppliers.reload}>{t('common.retry')}</Button>} />
      )}
      <Table<Supplier>
        data-testid="suppliers-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={suppliers.data ?? []}
        loading={suppliers.loading && !suppliers.data}
        pagination={false}
        scroll={{ x: SUPPLIER_TABLE_WIDTH }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('topup.supplier.empty')} /> }}
      />
      {editing !== undefined && (
        <SupplierFormModal
          supplier={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            suppliers.reload();
          }}
        />
      )}
      {goodsOf && <GoodsLookupModal supplier={goodsOf} onClose={() => setGoodsOf(undefined)} />}
    </Flex>
  );
}
