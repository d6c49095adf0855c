import { Alert, Col, Flex, Row, Segmented, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { CustomerReport, SourceRow } from '../../../../../src-shared/contract/methods/reports.js';
import { formatFen } from '../../../../../src-shared/format.js';
import { useCall } from '../../../hooks/useCall.js';
import { useT } from '../../../i18n/index.js';
import { ChartCard } from '../ChartCard.js';
import { newBuyersChart, platformPie, shopBuyersChart, type PieMetric } from '../charts/customer-charts.js';
import { ExportButton } from '../ExportButton.js';
import { Figures, type Figure } from '../Figures.js';
import { toReportFilter } from '../filters.js';
import { LoadError } from '../LoadError.js';
import { formatCount, formatPercent } from '../numbers.js';
import { useReloadOn } from '../useReportsVersion.js';
import type { TabProps } from './tab-props.js';

type RegionRow = CustomerReport['byRegion'][number];
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * 客户来源: where the orders came from (platform, shop), how many buyers were new and how many came
 * back (one buyer across shops), new buyers per day, and the region where a platform gives one.
 */
export function CustomersTab(props: TabProps & { pieMetric: PieMetric; onPieMetric(metric: PieMetric): void }) {
  const t = useT();
  const report = useCall('reports.customers', toReportFilter(props.filter));
  useReloadOn(props.version, report.reload);
  const data = report.data;
  const { from, to } = props.filter;
  const metricWord = t(props.pieMetric === 'orders' ? 'reports.customers.orders' : 'reports.money.revenue');

  const pie = useMemo(
    () => platformPie(data?.byPlatform ?? [], props.pieMetric, { metric: metricWord, platform: (p) => t(`shops.platform.${p}`) }),
    [data, props.pieMetric, metricWord, t],
  );
  const shops = useMemo(() => shopBuyersChart(data?.byShop ?? [], { newBuyers: t('reports.customers.newBuyers'), returning: t('reports.customers.returningBuyers') }), [data, t]);
  const trend = useMemo(
    () => newBuyersChart(data?.byDay ?? [], { from, to }, { newBuyers: t('reports.customers.newBuyers'), returningOrders: t('reports.customers.returningOrders') }),
    [data, from, to, t],
  );

  const totals = data?.totals;
  const figures: Figure[] = [
    { key: 'orders', title: t('reports.customers.orders'), value: totals?.orders ?? '—' },
    { key: 'revenue', title: t('reports.money.revenue'), value: totals ? formatFen(totals.revenueFen) : '—' },
    { key: 'buyers', title: t('reports.customers.buyers'), value: totals?.buyers ?? '—', help: t('reports.customers.buyersHelp') },
    { key: 'new', title: t('reports.customers.newBuyers'), value: totals?.newBuyers ?? '—' },
    { key: 'returning', title: t('reports.customers.returningBuyers'), value: totals?.returningBuyers ?? '—' },
    { key: 'returningShare', title: t('reports.customers.returningShare'), value: totals ? formatPercent(share(totals.returningRevenueFen, totals.revenueFen)) : '—', help: t('reports.customers.returningShareHelp') },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('reports.customers.explain')}</Typography.Text>
        <ExportButton name="customers" filter={props.filter} disabled={!totals || totals.orders === 0} />
      </Flex>
      <LoadError error={report.error} retry={report.reload} testId="customers-error" />
      <Figures figures={figures} loading={!data && report.loading} testId="customers-totals" />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <ChartCard
            title={t('reports.customers.pieTitle')}
            extra={
              <Segmented<PieMetric>
                size="small"
                value={props.pieMetric}
                onChange={props.onPieMetric}
                options={[
                  { value: 'orders', label: <span data-testid="customers-pie-orders">{t('reports.customers.byOrders')}</span> },
                  { value: 'revenue', label: <span data-testid="customers-pie-revenue">{t('reports.customers.byRevenue')}</span> },
                ]}
              />
            }
            option={pie}
            loading={report.loading}
            height={260}
            testId="customers-pie"
          />
        </Col>
        <Col xs={24} lg={14}>
          <ChartCard title={t('reports.customers.shopTitle')} option={shops} loading={report.loading} height={260} testId="customers-shops" />
        </Col>
      </Row>
      <ChartCard title={t('reports.customers.trendTitle')} option={trend} loading={report.loading} height={240} testId="customers-trend" />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <SourceTable rows={data?.byShop ?? []} loading={report.loading && !data} />
        </Col>
        <Col xs={24} xl={9}>
          <RegionTable report={data} loading={report.loading && !data} />
        </Col>
      </Row>
    </Flex>
  );
}

/** Per shop: orders, buyers new and returning, and the revenue each brought. */
function SourceTable(props: { rows: SourceRow[]; loading: boolean }) {
  const t = useT();
  return (
    <Table<SourceRow>
      data-testid="customers-shop-table"
      size="small"
      rowKey="key"
      dataSource={props.rows}
      loading={props.loading}
      pagination={false}
      scroll={{ x: 640 }}
      columns={[
        {
          title: t('reports.col.shop'),
          dataIndex: 'label',
          ellipsis: true,
          render: (v: string, r) => (
            <span data-testid="customers-shop">
              {v} {r.platform && <Tag style={{ marginInlineStart: 4 }}>{t(`shops.platform.${r.platform}`)}</Tag>}
            </span>
          ),
        },
        { title: t('reports.customers.orders'), dataIndex: 'orders', width: 84, align: 'right', sorter: (a, b) => a.orders - b.orders, render: formatCount },
        { title: t('reports.customers.newBuyers'), dataIndex: 'newBuyers', width: 70, align: 'right', render: formatCount },
        { title: t('reports.customers.returningBuyers'), dataIndex: 'returningBuyers', width: 90, align: 'right', render: formatCount },
        { title: t('reports.money.revenue'), dataIndex: 'revenueFen', width: 120, align: 'right', sorter: (a, b) => a.revenueFen - b.revenueFen, defaultSortOrder: 'descend', render: (v: number) => <span data-testid="customers-shop-revenue">{formatFen(v)}</span> },
      ]}
    />
  );
}

/** Orders by region, or why there is none: most platforms do not give the buyer's region. */
function RegionTable(props: { report: CustomerReport | undefined; loading: boolean }) {
  const t = useT();
  const report = props.report;
  if (report && report.byRegion.length === 0) {
    return <Alert type="info" showIcon title={t('reports.customers.noRegion')} data-testid="customers-no-region" />;
  }
  const total = report?.byRegion.reduce((n, r) => n + r.orders, 0) ?? 0;
  return (
    <Flex vertical gap={6}>
      <Table<RegionRow>
        data-testid="customers-region-table"
        size="small"
        rowKey="region"
        dataSource={report?.byRegion ?? []}
        loading={props.loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        columns={[
          { title: t('reports.customers.region'), dataIndex: 'region', ellipsis: true },
          { title: t('reports.customers.orders'), dataIndex: 'orders', width: 70, align: 'right', render: formatCount },
          { title: t('reports.customers.share'), key: 'share', width: 70, align: 'right', render: (_, r) => formatPercent(share(r.orders, total)) },
          { title: t('reports.money.revenue'), dataIndex: 'revenueFen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
        ]}
      />
      {report && report.withoutRegion > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="customers-without-region">
          {t('reports.customers.withoutRegion', { n: formatCount(report.withoutRegion) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
