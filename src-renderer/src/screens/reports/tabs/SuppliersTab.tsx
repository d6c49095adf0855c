import { Card, Col, Flex, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import type { SupplierReport } from '../../../../../src-shared/contract/methods/reports.js';
import { formatDate } from '../../../../../src-shared/format.js';
import { useCall } from '../../../hooks/useCall.js';
import { useT, type Translate } from '../../../i18n/index.js';
import { ChartCard } from '../ChartCard.js';
import { supplierRatesChart } from '../charts/stock-charts.js';
import { ExportButton } from '../ExportButton.js';
import { toReportFilter } from '../filters.js';
import { LoadError } from '../LoadError.js';
import { BAD_RATE, formatCount, formatPercent } from '../numbers.js';
import { useReloadOn } from '../useReportsVersion.js';
import type { TabProps } from './tab-props.js';

type SupplierRow = SupplierReport['suppliers'][number];
type BatchRow = SupplierReport['batches'][number];
type Quality = Pick<SupplierRow, 'delivered' | 'claims' | 'replaced' | 'claimRate' | 'replaceRate'>;

/** A rate, red and bold above 5 %: worth raising with the supplier. */
function Rate(props: { value: number; testId: string }) {
  const bad = props.value > BAD_RATE;
  return (
    <Typography.Text type={bad ? 'danger' : undefined} strong={bad} data-testid={props.testId} data-bad={bad ? 'true' : undefined}>
      {formatPercent(props.value)}
    </Typography.Text>
  );
}

/** 已发, 索赔, 换卡, 索赔率 (worst first), 换卡率: the columns both tables share. */
function qualityColumns<T extends Quality>(t: Translate, prefix: string): ColumnsType<T> {
  return [
    { title: t('reports.suppliers.delivered'), dataIndex: 'delivered', width: 96, align: 'right', sorter: (a, b) => a.delivered - b.delivered, render: formatCount },
    { title: t('reports.suppliers.claims'), dataIndex: 'claims', width: 96, align: 'right', sorter: (a, b) => a.claims - b.claims, render: formatCount },
    { title: t('reports.suppliers.replaced'), dataIndex: 'replaced', width: 90, align: 'right', sorter: (a, b) => a.replaced - b.replaced, render: formatCount },
    {
      title: t('reports.suppliers.claimRate'),
      dataIndex: 'claimRate',
      width: 86,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.claimRate - b.claimRate,
      render: (v: number) => <Rate value={v} testId={`${prefix}-claim-rate`} />,
    },
    { title: t('reports.suppliers.replaceRate'), dataIndex: 'replaceRate', width: 86, align: 'right', sorter: (a, b) => a.replaceRate - b.replaceRate, render: (v: number) => <Rate value={v} testId={`${prefix}-replace-rate`} /> },
  ];
}

/** 供应商质量: per supplier and per batch, how many delivered keys were claimed as dead and replaced. */
export function SuppliersTab(props: TabProps) {
  const t = useT();
  const report = useCall('reports.suppliers', toReportFilter(props.filter));
  useReloadOn(props.version, report.reload);
  const data = report.data;
  const loading = report.loading && !data;
  const unnamed = t('reports.suppliers.unnamed');
  const chart = useMemo(
    () => supplierRatesChart(data?.suppliers ?? [], { claimRate: t('reports.suppliers.claimRate'), replaceRate: t('reports.suppliers.replaceRate'), unnamed }),
    [data, t, unnamed],
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('reports.suppliers.explain')}</Typography.Text>
        <ExportButton name="suppliers" filter={props.filter} disabled={!data || data.batches.length === 0} />
      </Flex>
      <LoadError error={report.error} retry={report.reload} testId="suppliers-error" />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={9}>
          <ChartCard title={t('reports.suppliers.chartTitle')} option={chart} loading={report.loading} height={240} testId="suppliers-chart" empty={t('reports.suppliers.none')} />
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('reports.suppliers.suppliersTitle')} styles={{ body: { padding: 0 } }}>
            <Table<SupplierRow>
              data-testid="suppliers-table"
              size="small"
              rowKey="supplier"
              dataSource={data?.suppliers ?? []}
              loading={loading}
              pagination={false}
              scroll={{ x: 640 }}
              locale={{ emptyText: t('reports.suppliers.none') }}
              columns={[
                { title: t('reports.col.supplier'), dataIndex: 'supplier', width: 120, ellipsis: true, render: (v: string) => <span data-testid="supplier-name">{v || unnamed}</span> },
                { title: t('reports.suppliers.batches'), dataIndex: 'batches', width: 72, align: 'right', render: formatCount },
                ...qualityColumns<SupplierRow>(t, 'supplier'),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('reports.suppliers.batchesTitle')} styles={{ body: { padding: 0 } }}>
        <Table<BatchRow>
          data-testid="suppliers-batches"
          size="small"
          rowKey="batchId"
          dataSource={data?.batches ?? []}
          loading={loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('reports.suppliers.none') }}
          columns={[
            { title: t('reports.col.batch'), dataIndex: 'batchId', width: 70, render: (v: number) => `#${v}` },
            { title: t('reports.col.product'), dataIndex: 'productName', ellipsis: true },
            { title: t('reports.col.supplier'), dataIndex: 'supplier', width: 130, ellipsis: true, render: (v: string) => v || unnamed },
            { title: t('reports.inventory.purchasedAt'), dataIndex: 'purchasedAt', width: 100, render: (v: number) => formatDate(v) },
            ...qualityColumns<BatchRow>(t, 'batch'),
          ]}
        />
      </Card>
    </Flex>
  );
}
