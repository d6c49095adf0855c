import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OrderLine } from '../../../../src-shared/contract/methods/orders.js';
import { formatFen, formatTime } from '../../../../src-shared/format.js';
import type { Translate } from '../../i18n/index.js';
import { LINE_STATUS_COLOR } from './labels.js';

/** Widths are fixed: the virtual table needs them, and thousands of rows must not re-measure. */
export const ORDER_TABLE_WIDTH = 1050;

const dim = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

/** A line's status as a coloured tag, with its refund state and last error when it has them. */
export function LineStatusTag(props: { line: OrderLine; t: Translate }) {
  const { line, t } = props;
  const tag = (
    <Tag color={LINE_STATUS_COLOR[line.status]} data-testid="line-status">
      {t(`orders.status.${line.status}`)}
    </Tag>
  );
  return (
    <Space size={0}>
      {line.lastError ? <Tooltip title={t('orders.lastError', { error: line.lastError })}>{tag}</Tooltip> : tag}
      {line.refund !== 'none' && <Tag color="volcano">{t(`orders.refund.${line.refund}`)}</Tag>}
    </Space>
  );
}

export function orderColumns(t: Translate): ColumnsType<OrderLine> {
  return [
    { title: t('orders.col.paidAt'), dataIndex: 'paidAt', width: 150, render: (v: number | null) => (v === null ? dim(t('orders.notPaid')) : formatTime(v)) },
    {
      title: t('orders.col.shop'),
      dataIndex: 'shopName',
      width: 100,
      ellipsis: true,
      render: (v: string, row) => <Tooltip title={t(`shops.platform.${row.platform}`)}>{v}</Tooltip>,
    },
    {
      title: t('orders.col.orderId'),
      dataIndex: 'platformOrderId',
      width: 196,
      // The number the owner reads out to a buyer or pastes into the platform: shown whole, in digits that line up.
      render: (v: string) => <Typography.Text style={{ fontFamily: 'ui-monospace, Consolas, monospace', fontSize: 12 }} copyable={{ text: v }}>{v}</Typography.Text>,
    },
    {
      title: t('orders.col.item'),
      key: 'item',
      width: 168,
      ellipsis: true,
      render: (_, row) => (
        <span title={row.title}>
          {row.title} <Typography.Text type="secondary">× {row.quantity}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('orders.col.product'),
      dataIndex: 'productName',
      width: 110,
      ellipsis: true,
      render: (v: string | null) => v ?? <Typography.Text type="warning">{t('orders.unmappedProduct')}</Typography.Text>,
    },
    { title: t('orders.col.price'), dataIndex: 'priceFen', width: 80, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('orders.col.buyer'), dataIndex: 'buyerMasked', width: 70, ellipsis: true },
    { title: t('orders.col.status'), key: 'status', width: 104, render: (_, row) => <LineStatusTag line={row} t={t} /> },
    {
      title: t('orders.col.attempts'),
      dataIndex: 'attempts',
      width: 76,
      align: 'right',
      render: (v: number, row) =>
        row.lastError ? (
          <Tooltip title={t('orders.lastError', { error: row.lastError })}>
            <Typography.Text type="danger">
              <ExclamationCircleOutlined /> {v}
            </Typography.Text>
          </Tooltip>
        ) : (
          v
        ),
    },
  ];
}
