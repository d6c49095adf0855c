import { Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { BatchTurnover, ExpiringStock, ProductTurnover } from '../../../../../src-shared/contract/methods/reports.js';
import { formatDate, formatFen } from '../../../../../src-shared/format.js';
import { useCall } from '../../../hooks/useCall.js';
import { useT } from '../../../i18n/index.js';
import { ChartCard } from '../ChartCard.js';
import { daysLeftChart } from '../charts/stock-charts.js';
import { ExportButton } from '../ExportButton.js';
import { toReportFilter } from '../filters.js';
import { LoadError } from '../LoadError.js';
import { daysLeftColor, formatCount, formatDecimal, formatPercent } from '../numbers.js';
import { useReloadOn } from '../useReportsVersion.js';
import type { TabProps } from './tab-props.js';

/** 可售天数 as a tag: red under a week, orange under two; none when nothing sold in the range. */
function DaysLeft(props: { days: number | null }) {
  const t = useT();
  if (props.days === null) return <Typography.Text type="secondary">{t('reports.inventory.noSales')}</Typography.Text>;
  const text = t('reports.inventory.days', { n: formatDecimal(props.days) });
  const color = daysLeftColor(props.days);
  return color ? <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="days-left">{text}</Tag> : <span data-testid="days-left">{text}</span>;
}

/**
 * 库存周转: how long each product's stock lasts at the range's selling rate, how each batch sells
 * through, and the keys that expire in the next 7 / 30 days with what they cost.
 */
export function InventoryTab(props: TabProps) {
  const t = useT();
  const report = useCall('reports.inventory', toReportFilter(props.filter));
  useReloadOn(props.version, report.reload);
  const data = report.data;
  const loading = report.loading && !data;
  const chart = useMemo(() => daysLeftChart(data?.products ?? [], { days: (n) => t('reports.inventory.days', { n }) }), [data, t]);
  const chartRows = Math.min(12, data?.products.filter((p) => p.daysLeft !== null).length ?? 0);
  const expiring = (within: 7 | 30) => (data?.expiring ?? []).filter((e) => e.within === within);

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('reports.inventory.explain', { days: data?.rangeDays ?? '—' })}</Typography.Text>
        <ExportButton name="inventory" filter={props.filter} disabled={!data || (data.products.length === 0 && data.batches.length === 0)} />
      </Flex>
      <LoadError error={report.error} retry={report.reload} testId="inventory-error" />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <ChartCard title={t('reports.inventory.chartTitle')} option={chart} loading={report.loading} height={Math.max(220, chartRows * 28 + 20)} testId="inventory-chart" empty={t('reports.inventory.chartEmpty')} />
        </Col>
        <Col xs={24} xl={14}>
          <Table<ProductTurnover>
            data-testid="inventory-products"
            size="small"
            rowKey="productId"
            dataSource={data?.products ?? []}
            loading={loading}
            pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
            scroll={{ x: 600 }}
            columns={[
              { title: t('reports.col.product'), dataIndex: 'productName', ellipsis: true },
              { title: t('reports.inventory.available'), dataIndex: 'available', width: 70, align: 'right', sorter: (a, b) => a.available - b.available, render: formatCount },
              { title: t('reports.inventory.sold'), dataIndex: 'sold', width: 100, align: 'right', sorter: (a, b) => a.sold - b.sold, render: formatCount },
              { title: t('reports.inventory.dailyRate'), dataIndex: 'dailyRate', width: 64, align: 'right', render: (v: number) => formatDecimal(v) },
              {
                title: t('reports.inventory.daysLeft'),
                dataIndex: 'daysLeft',
                width: 96,
                align: 'right',
                defaultSortOrder: 'ascend',
                sorter: (a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity),
                render: (v: number | null) => <DaysLeft days={v} />,
              },
              { title: t('reports.inventory.turnover'), dataIndex: 'turnover', width: 76, align: 'right', render: (v: number) => formatPercent(v) },
            ]}
          />
        </Col>
      </Row>
      <BatchTable rows={data?.batches ?? []} loading={loading} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ExpiringTable within={7} rows={expiring(7)} loading={loading} />
        </Col>
        <Col xs={24} xl={12}>
          <ExpiringTable within={30} rows={expiring(30)} loading={loading} />
        </Col>
      </Row>
    </Flex>
  );
}

function BatchTable(props: { rows: BatchTurnover[]; loading: boolean }) {
  const t = useT();
  return (
    <Card size="small" title={t('reports.inventory.batchesTitle')} styles={{ body: { padding: 0 } }}>
      <Table<BatchTurnover>
        data-testid="inventory-batches"
        size="small"
        rowKey="batchId"
        dataSource={props.rows}
        loading={props.loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('reports.col.batch'), dataIndex: 'batchId', width: 70, render: (v: number) => `#${v}` },
          { title: t('reports.col.product'), dataIndex: 'productName', ellipsis: true },
          { title: t('reports.col.supplier'), dataIndex: 'supplier', width: 130, ellipsis: true, render: (v: string) => v || '—' },
          { title: t('reports.inventory.purchasedAt'), dataIndex: 'purchasedAt', width: 100, render: (v: number) => formatDate(v) },
          { title: t('reports.inventory.unitCost'), dataIndex: 'unitCostFen', width: 90, align: 'right', render: (v: number) => formatFen(v) },
          { title: t('reports.inventory.total'), dataIndex: 'total', width: 70, align: 'right', render: formatCount },
          { title: t('reports.inventory.available'), dataIndex: 'available', width: 70, align: 'right', render: formatCount },
          { title: t('reports.inventory.sent'), dataIndex: 'sent', width: 70, align: 'right', render: formatCount },
          { title: t('reports.inventory.sellThrough'), dataIndex: 'sellThrough', width: 90, align: 'right', sorter: (a, b) => a.sellThrough - b.sellThrough, render: (v: number) => formatPercent(v) },
          { title: t('reports.inventory.daysOnShelf'), dataIndex: 'daysOnShelf', width: 100, align: 'right', sorter: (a, b) => a.daysOnShelf - b.daysOnShelf, render: formatCount },
          {
            title: t('reports.inventory.daysLeft'),
            dataIndex: 'daysLeft',
            width: 96,
            align: 'right',
            // A sold-out batch has no days left to count, only a fact.
            render: (v: number | null, r) => (r.available === 0 ? <Typography.Text type="secondary">{t('reports.inventory.soldOut')}</Typography.Text> : <DaysLeft days={v} />),
          },
        ]}
      />
    </Card>
  );
}

/** Keys expiring within 7 days, or within 8–30: what they are and what they cost, totalled in the title. */
function ExpiringTable(props: { within: 7 | 30; rows: ExpiringStock[]; loading: boolean }) {
  const t = useT();
  const keys = props.rows.reduce((n, r) => n + r.keys, 0);
  const cost = props.rows.reduce((n, r) => n + r.costFen, 0);
  return (
    <Card
      size="small"
      title={<span style={{ color: props.within === 7 && keys > 0 ? '#cf1322' : undefined }}>{t(props.within === 7 ? 'reports.inventory.expiring7' : 'reports.inventory.expiring30')}</span>}
      extra={<Typography.Text type="secondary" data-testid={`expiring-${props.within}-total`}>{t('reports.inventory.expiringTotal', { keys: formatCount(keys), cost: formatFen(cost) })}</Typography.Text>}
      styles={{ body: { padding: 0 } }}
    >
      <Table<ExpiringStock>
        data-testid={`expiring-${props.within}`}
        size="small"
        rowKey="batchId"
        dataSource={props.rows}
        loading={props.loading}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        locale={{ emptyText: t('reports.inventory.expiringNone') }}
        columns={[
          { title: t('reports.col.product'), dataIndex: 'productName', ellipsis: true },
          { title: t('reports.col.batch'), dataIndex: 'batchId', width: 64, render: (v: number) => `#${v}` },
          { title: t('reports.inventory.keys'), dataIndex: 'keys', width: 64, align: 'right', render: formatCount },
          { title: t('reports.money.cost'), dataIndex: 'costFen', width: 96, align: 'right', render: (v: number) => formatFen(v) },
          { title: t('reports.inventory.firstExpires'), dataIndex: 'firstExpiresAt', width: 100, render: (v: number) => formatDate(v) },
        ]}
      />
    </Card>
  );
}
