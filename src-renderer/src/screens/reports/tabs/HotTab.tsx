import { Flex, Segmented, Table, Typography } from 'antd';
import { useMemo } from 'react';
import type { HotProduct } from '../../../../../src-shared/contract/methods/reports.js';
import { useCall } from '../../../hooks/useCall.js';
import { useI18n, useT } from '../../../i18n/index.js';
import { ChartCard } from '../ChartCard.js';
import { hotChart, type HotMetric } from '../charts/hot-chart.js';
import { ExportButton } from '../ExportButton.js';
import { toReportFilter } from '../filters.js';
import { LoadError } from '../LoadError.js';
import { moneyColumns, MoneyTotals } from '../money-columns.js';
import { useReloadOn } from '../useReportsVersion.js';
import type { TabProps } from './tab-props.js';

const METRICS: HotMetric[] = ['units', 'revenue', 'profit'];
/** Enough for every product a shop sells; the chart shows the first ten. */
const LIMIT = 200;

/** 热销商品: the top ten by 数量 / 营业额 / 利润 as bars, and every product that sold in a sortable table. */
export function HotTab(props: TabProps & { metric: HotMetric; onMetric(metric: HotMetric): void }) {
  const t = useT();
  const { language } = useI18n();
  const hot = useCall('reports.hot', { ...toReportFilter(props.filter), sortBy: props.metric, limit: LIMIT });
  useReloadOn(props.version, hot.reload);
  const metricWord = t(`reports.hot.metric.${props.metric}`);
  const option = useMemo(() => hotChart(hot.data?.rows ?? [], props.metric, { metric: metricWord, language }), [hot.data, props.metric, metricWord, language]);
  const rows = hot.data?.rows ?? [];
  // The rank is the core's, whatever column the table is sorted by.
  const rank = useMemo(() => new Map((hot.data?.rows ?? []).map((r, i) => [r.productId, i + 1])), [hot.data]);

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<HotMetric>
          value={props.metric}
          onChange={props.onMetric}
          options={METRICS.map((m) => ({ value: m, label: <span data-testid={`hot-metric-${m}`}>{t(`reports.hot.by.${m}`)}</span> }))}
        />
        <ExportButton name="hot" filter={props.filter} disabled={rows.length === 0} />
      </Flex>
      <LoadError error={hot.error} retry={hot.reload} testId="hot-error" />
      <ChartCard title={t('reports.hot.chartTitle', { metric: metricWord })} option={option} loading={hot.loading} height={Math.max(200, Math.min(rows.length, 10) * 28 + 20)} testId="hot-chart" />
      <Table<HotProduct>
        data-testid="hot-table"
        size="small"
        rowKey="productId"
        dataSource={rows}
        loading={hot.loading && !hot.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('reports.col.rank'), key: 'rank', width: 56, align: 'center', render: (_, r) => <Typography.Text type="secondary">{rank.get(r.productId)}</Typography.Text> },
          { title: t('reports.col.product'), dataIndex: 'productName', ellipsis: true, render: (v: string) => <span data-testid="hot-product">{v}</span> },
          ...moneyColumns<HotProduct>(t, 'hot'),
        ]}
        summary={() => hot.data && rows.length > 0 && <MoneyTotals totals={hot.data.totals} lead={2} label={t('reports.total')} testId="hot-totals" />}
      />
    </Flex>
  );
}
