import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MoneyFigures } from '../../../../src-shared/contract/methods/reports.js';
import { formatFen } from '../../../../src-shared/format.js';
import type { Translate } from '../../i18n/index.js';
import { formatCount, formatPercent, marginOf } from './numbers.js';

type Money = MoneyFigures & { units: number; lines: number };

const byNumber = <T,>(pick: (r: T) => number) => (a: T, b: T) => pick(a) - pick(b);

/** 数量, 订单行, then the money of a group as a shop owner reads it, each column sortable. */
export function moneyColumns<T extends Money>(t: Translate, testPrefix: string): ColumnsType<T> {
  const money = (key: keyof MoneyFigures, title: string, width = 110) => ({
    title,
    key,
    width,
    align: 'right' as const,
    sorter: byNumber<T>((r) => r[key]),
    render: (_: unknown, r: T) => (
      <Typography.Text type={key === 'profitFen' && r.profitFen < 0 ? 'danger' : undefined} data-testid={`${testPrefix}-${key}`}>
        {formatFen(r[key])}
      </Typography.Text>
    ),
  });
  return [
    { title: t('reports.money.units'), key: 'units', width: 80, align: 'right', sorter: byNumber<T>((r) => r.units), render: (_, r) => formatCount(r.units) },
    { title: t('reports.money.lines'), key: 'lines', width: 80, align: 'right', sorter: byNumber<T>((r) => r.lines), render: (_, r) => formatCount(r.lines) },
    money('revenueFen', t('reports.money.revenue'), 120),
    money('refundFen', t('reports.money.refund')),
    money('costFen', t('reports.money.cost')),
    money('feeFen', t('reports.money.fee'), 116),
    money('profitFen', t('reports.money.profit'), 120),
    {
      title: <Tooltip title={t('reports.money.marginHelp')}>{t('reports.money.margin')}</Tooltip>,
      key: 'margin',
      width: 90,
      align: 'right',
      sorter: byNumber<T>((r) => marginOf(r) ?? -Infinity),
      render: (_, r) => formatPercent(marginOf(r)),
    },
  ];
}

/** The 合计 row under a money table: the label over the leading columns, then the same figures as the columns. */
export function MoneyTotals(props: { totals: Money; lead: number; label: string; testId: string }) {
  const m = props.totals;
  const cells = [formatCount(m.units), formatCount(m.lines), formatFen(m.revenueFen), formatFen(m.refundFen), formatFen(m.costFen), formatFen(m.feeFen), formatFen(m.profitFen), formatPercent(marginOf(m))];
  return (
    <Table.Summary.Row style={{ fontWeight: 600, background: '#fafbfd' }} data-testid={props.testId}>
      <Table.Summary.Cell index={0} colSpan={props.lead}>
        {props.label}
      </Table.Summary.Cell>
      {cells.map((text, i) => (
        <Table.Summary.Cell key={i} index={props.lead + i} align="right">
          {text}
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}
