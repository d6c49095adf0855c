import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../src-shared/format.js';
import { call } from '../../api/index.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { useOrdersChanged } from '../orders/useOrderEvents.js';

type RedemptionRow = MethodOutput<'redemption.summary'>[number];

/**
 * 核销: per product, how many delivered keys the buyers have redeemed and how many are overdue (past the
 * product's reminder). 立即检查 asks the supplier now, for one product or all of them.
 */
export function RedemptionTab() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const summary = useCall('redemption.summary', {});
  useOrdersChanged(summary.reload);
  const [busy, setBusy] = useState<number | 'all'>();

  const check = async (productId?: number) => {
    setBusy(productId ?? 'all');
    try {
      const r = await call('redemption.checkNow', productId === undefined ? {} : { productId });
      message.success(r.message);
      summary.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const n = (v: number) => v.toLocaleString('zh-CN');
  const columns: ColumnsType<RedemptionRow> = [
    { title: t('aftersales.redemption.col.product'), dataIndex: 'productName', ellipsis: true },
    { title: t('aftersales.redemption.col.delivered'), dataIndex: 'delivered', width: 110, align: 'right', render: n },
    {
      title: t('aftersales.redemption.col.redeemed'),
      key: 'redeemed',
      width: 160,
      align: 'right',
      render: (_, r) => `${n(r.redeemed)}${r.delivered > 0 ? `（${Math.round((r.redeemed / r.delivered) * 100)}%）` : ''}`,
    },
    {
      title: t('aftersales.redemption.col.overdue'),
      dataIndex: 'overdue',
      width: 130,
      align: 'right',
      render: (v: number) => (
        <Typography.Text type={v > 0 ? 'warning' : undefined} strong={v > 0} data-testid="redemption-overdue">
          {n(v)}
        </Typography.Text>
      ),
    },
    {
      title: t('aftersales.redemption.col.lastCheck'),
      dataIndex: 'lastCheckAt',
      width: 170,
      render: (v: number | null) => (v === null ? <Typography.Text type="secondary">{t('aftersales.redemption.neverChecked')}</Typography.Text> : formatTime(v)),
    },
    {
      title: t('aftersales.col.fix'),
      key: 'check',
      width: 120,
      render: (_, r) => (
        <Button size="small" type="link" icon={<FileSearchOutlined />} loading={busy === r.productId} disabled={busy !== undefined && busy !== r.productId} onClick={() => void check(r.productId)} data-testid="redemption-check">
          {t('aftersales.redemption.check')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 760 }}>
          {t('aftersales.redemption.explain')}
        </Typography.Paragraph>
        <Button type="primary" icon={<FileSearchOutlined />} loading={busy === 'all'} disabled={busy !== undefined && busy !== 'all'} onClick={() => void check()} data-testid="redemption-check-all">
          {t('aftersales.redemption.checkAll')}
        </Button>
      </Flex>
      {summary.error !== undefined && (
        <Alert type="error" showIcon title={errorText(summary.error)} action={<Button size="small" onClick={summary.reload}>{t('common.retry')}</Button>} />
      )}
      <Table<RedemptionRow>
        data-testid="redemption-table"
        size="middle"
        rowKey="productId"
        columns={columns}
        dataSource={summary.data ?? []}
        loading={summary.loading && !summary.data}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('aftersales.redemption.empty')} /> }}
      />
    </Flex>
  );
}
