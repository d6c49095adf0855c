import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../../api/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useInventoryChanged } from '../../inventory/useInventoryChanged.js';
import type { RestockPurchase, RestockRuleRow } from '../labels.js';
import { purchaseColumns, ruleColumns, type RuleAction } from './restock-columns.js';
import { RestockRuleModal } from './RestockRuleModal.js';

/** 自动补货: per card product, buy keys from a supplier when stock runs low, within a daily budget. */
export function RestockTab() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const restock = useCall('restock.list', {});
  const suppliers = useCall('suppliers.list', {});
  const products = useCall('products.list', {});
  // A purchase lands as a new batch: stock and the rule's last run change together.
  useInventoryChanged(restock.reload);
  const [busy, setBusy] = useState<Partial<Record<number | 'all', RuleAction>>>({});
  const [editing, setEditing] = useState<RestockRuleRow | 'new'>();
  const purchaseCols = useMemo(() => purchaseColumns(t), [t]);

  const track = async (key: number | 'all', action: RuleAction, work: () => Promise<void>) => {
    setBusy((b) => ({ ...b, [key]: action }));
    try {
      await work();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(({ [key]: _done, ...rest }) => rest);
      restock.reload();
    }
  };

  const runNow = (productId?: number) =>
    track(productId ?? 'all', 'run', async () => {
      const r = await call('restock.runNow', productId === undefined ? {} : { productId });
      message.success(r.message);
    });

  const columns = ruleColumns({
    t,
    supplierName: (id) => suppliers.data?.find((s) => s.id === id)?.name ?? t('topup.restock.supplierNo', { id }),
    busy,
    onToggle: (r, enabled) =>
      void track(r.productId, 'toggle', async () => {
        const { productId, supplierId, supplierProductId, threshold, buyCount, dailyBudgetFen } = r;
        await call('restock.set', { productId, supplierId, supplierProductId, threshold, buyCount, dailyBudgetFen, enabled });
        message.success(t(enabled ? 'topup.restock.enabledDone' : 'topup.restock.disabledDone', { name: r.productName }));
      }),
    onRun: (r) => void runNow(r.productId),
    onEdit: setEditing,
    onRemove: (r) =>
      void track(r.productId, 'remove', async () => {
        await call('restock.remove', { productId: r.productId });
        message.success(t('topup.restock.removed', { name: r.productName }));
      }),
  });

  const rules = restock.data?.rules ?? [];
  const noSupplier = suppliers.data?.length === 0;
  const loadError = restock.error ?? suppliers.error ?? products.error;
  const reloadAll = () => {
    restock.reload();
    suppliers.reload();
    products.reload();
  };
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 720 }}>
          {t('topup.restock.explain')}
        </Typography.Paragraph>
        <Space>
          <Button icon={<ThunderboltOutlined />} loading={busy.all === 'run'} disabled={rules.length === 0} onClick={() => void runNow()} data-testid="restock-run-all">
            {t('topup.restock.runAll')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} disabled={noSupplier} onClick={() => setEditing('new')} data-testid="restock-add">
            {t('topup.restock.add')}
          </Button>
        </Space>
      </Flex>
      {noSupplier && <Alert type="info" showIcon title={t('topup.restock.needSupplier')} />}
      {loadError !== undefined && <Alert type="error" showIcon title={errorText(loadError)} action={<Button size="small" onClick={reloadAll}>{t('common.retry')}</Button>} />}
      <Table<RestockRuleRow>
        data-testid="restock-rules"
        size="middle"
        rowKey="productId"
        columns={columns}
        dataSource={rules}
        loading={restock.loading && !restock.data}
        pagination={false}
        scroll={{ x: 1060 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('topup.restock.empty')} /> }}
      />
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('topup.restock.purchases')} <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>{t('common.beijingTime')}</Typography.Text>
      </Typography.Title>
      <Table<RestockPurchase>
        data-testid="restock-purchases"
        size="small"
        rowKey="id"
        columns={purchaseCols}
        dataSource={restock.data?.purchases ?? []}
        loading={restock.loading && !restock.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1060 }}
        locale={{ emptyText: t('topup.restock.noPurchases') }}
      />
      {editing !== undefined && (
        <RestockRuleModal
          rule={editing === 'new' ? undefined : editing}
          products={products.data ?? []}
          suppliers={suppliers.data ?? []}
          taken={rules.map((r) => r.productId)}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            restock.reload();
          }}
        />
      )}
    </Flex>
  );
}
