import { Flex, Segmented, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import type { ProfitRow } from '../../../../../src-shared/contract/methods/reports.js';
import { formatFen } from '../../../../../src-shared/format.js';
import { useCall } from '../../../hooks/useCall.js';
import { useI18n, useT, type MessageKey } from '../../../i18n/index.js';
import { ChartCard } from '../ChartCard.js';
import { profitChart } from '../charts/profit-chart.js';
import { ExportButton } from '../ExportButton.js';
import { Figures, type Figure } from '../Figures.js';
import { toReportFilter } from '../filters.js';
import { LoadError } from '../LoadError.js';
import { moneyColumns, MoneyTotals } from '../money-columns.js';
import { formatPercent, marginOf } from '../numbers.js';
import { useReloadOn } from '../useReportsVersion.js';
import type { TabProps } from './tab-props.js';

export type ProfitGroup = 'day' | 'product' | 'shop';
const GROUPS: ProfitGroup[] = ['day', 'product', 'shop'];

const GROUP_COLUMN: Record<ProfitGroup, MessageKey> = { day: 'reports.col.day', product: 'reports.col.product', shop: 'reports.col.shop' };

/**
 * 利润分析: 营业额 − 退款 − 成本 (the batches of the keys actually sent) − 平台费 = 毛利, as totals, as a
 * chart of where the money went, and as a table by day, product or shop.
 */
export function ProfitTab(props: TabProps & { groupBy: ProfitGroup; onGroupBy(groupBy: ProfitGroup): void }) {
  const t = useT();
  const { language } = useI18n();
  const { groupBy } = props;
  const profit = useCall('reports.profit', { ...toReportFilter(props.filter), groupBy });
  useReloadOn(props.version, profit.reload);
  // An answer for another grouping (just switched) is not drawn as this one.
  const data = profit.data?.groupBy === groupBy ? profit.data : undefined;
  const rows = data?.rows ?? [];
  const { from, to } = props.filter;

  const option = useMemo(
    () =>
      profitChart(data?.rows ?? [], groupBy, { from, to }, {
        revenue: t('reports.money.revenue'), cost: t('reports.money.cost'), fee: t('reports.money.fee'), refund: t('reports.money.refund'), profit: t('reports.money.profit'), language,
      }),
    [data, groupBy, from, to, t, language],
  );

  const totals = profit.data?.totals;
  const figures: Figure[] = [
    { key: 'revenue', title: t('reports.money.revenue'), value: totals ? formatFen(totals.revenueFen) : '—' },
    { key: 'refund', title: t('reports.money.refund'), value: totals ? formatFen(totals.refundFen) : '—' },
    { key: 'cost', title: t('reports.money.cost'), value: totals ? formatFen(totals.costFen) : '—', help: t('reports.money.costHelp') },
    { key: 'fee', title: t('reports.money.fee'), value: totals ? formatFen(totals.feeFen) : '—', help: t('reports.money.feeHelp') },
    { key: 'profit', title: t('reports.money.profit'), value: totals ? formatFen(totals.profitFen) : '—', color: totals && totals.profitFen < 0 ? '#cf1322' : '#15803d' },
    { key: 'margin', title: t('reports.money.margin'), value: totals ? formatPercent(marginOf(totals)) : '—', help: t('reports.money.marginHelp') },
  ];

  const columns: ColumnsType<ProfitRow> = [
    {
      title: t(GROUP_COLUMN[groupBy]),
      dataIndex: 'label',
      ellipsis: true,
      width: groupBy === 'day' ? 110 : undefined,
      sorter: (a, b) => a.label.localeCompare(b.label, 'zh-CN'),
      defaultSortOrder: groupBy === 'day' ? 'descend' : undefined,
      render: (v: string) => <span data-testid="profit-label">{v}</span>,
    },
    ...moneyColumns<ProfitRow>(t, 'profit'),
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<ProfitGroup>
          value={groupBy}
          onChange={props.onGroupBy}
          options={GROUPS.map((g) => ({ value: g, label: <span data-testid={`profit-by-${g}`}>{t(`reports.profit.by.${g}`)}</span> }))}
        />
        <ExportButton name="profit" filter={props.filter} groupBy={groupBy} disabled={rows.length === 0} />
      </Flex>
      <LoadError error={profit.error} retry={profit.reload} testId="profit-error" />
      <Figures figures={figures} loading={!totals && profit.loading} testId="profit-totals" />
      <ChartCard
        title={t(groupBy === 'day' ? 'reports.profit.chart.day' : 'reports.profit.chart.group', { group: t(GROUP_COLUMN[groupBy]) })}
        option={option}
        loading={profit.loading}
        height={groupBy === 'day' ? 300 : Math.max(200, Math.min(rows.length, 12) * 28 + 44)}
        testId="profit-chart"
      />
      <Table<ProfitRow>
        key={groupBy}
        data-testid="profit-table"
        size="small"
        rowKey="key"
        dataSource={rows}
        loading={profit.loading && !data}
        pagination={{ pageSize: 31, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        columns={columns}
        summary={() => totals && rows.length > 0 && <MoneyTotals totals={totals} lead={1} label={t('reports.total')} testId="profit-table-totals" />}
      />
    </Flex>
  );
}
