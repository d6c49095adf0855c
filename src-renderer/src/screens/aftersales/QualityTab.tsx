import { Alert, Button, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MethodOutput } from '../../../../src-shared/contract/index.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { useOrdersChanged } from '../orders/useOrderEvents.js';

type QualityRow = MethodOutput<'batches.quality'>[number];

/** A claim rate above this is worth raising with the supplier: shown in red. */
const BAD_CLAIM_RATE = 0.05;

/** `claimRate` is the share of delivered keys claimed as bad (0–1), shown as a percentage. */
const claimPercent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** 批次质量: per batch, how many keys went out, how many were claimed as bad and replaced. */
export function QualityTab() {
  const t = useT();
  const errorText = useErrorText();
  const quality = useCall('batches.quality', {});
  useOrdersChanged(quality.reload);
  const n = (v: number) => v.toLocaleString('zh-CN');

  const columns: ColumnsType<QualityRow> = [
    { title: t('aftersales.quality.col.batch'), dataIndex: 'batchId', width: 90, render: (v: number) => `#${v}` },
    { title: t('aftersales.quality.col.product'), dataIndex: 'productName', ellipsis: true },
    { title: t('aftersales.quality.col.supplier'), dataIndex: 'supplier', width: 160, ellipsis: true, render: (v: string) => v || '—' },
    { title: t('aftersales.quality.col.delivered'), dataIndex: 'delivered', width: 100, align: 'right', render: n },
    { title: t('aftersales.quality.col.claims'), dataIndex: 'claims', width: 100, align: 'right', render: n },
    { title: t('aftersales.quality.col.replaced'), dataIndex: 'replaced', width: 100, align: 'right', render: n },
    {
      title: t('aftersales.quality.col.claimRate'),
      dataIndex: 'claimRate',
      width: 110,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.claimRate - b.claimRate,
      render: (v: number) => (
        <Typography.Text type={v > BAD_CLAIM_RATE ? 'danger' : undefined} strong={v > BAD_CLAIM_RATE} data-testid="quality-claim-rate">
          {claimPercent(v)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 760 }}>
        {t('aftersales.quality.explain')}
      </Typography.Paragraph>
      {quality.error !== undefined && (
        <Alert type="error" showIcon title={errorText(quality.error)} action={<Button size="small" onClick={quality.reload}>{t('common.retry')}</Button>} />
      )}
      <Table<QualityRow>
        data-testid="quality-table"
        size="middle"
        rowKey="batchId"
        columns={columns}
        dataSource={quality.data ?? []}
        loading={quality.loading && !quality.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('aftersales.quality.empty')} /> }}
      />
    </Flex>
  );
}
