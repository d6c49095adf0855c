import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TopupAttempt } from '../../../../../src-shared/contract/methods/topup.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { TOPUP_STATE_COLOR } from '../labels.js';

export const ATTEMPT_TABLE_WIDTH = 1240;

const mono = { fontFamily: 'ui-monospace, Consolas, monospace', fontSize: 12 };

/** An attempt's state as a coloured tag (the contract's words). */
export function TopupStateTag(props: { state: TopupAttempt['state']; t: Translate }) {
  return (
    <Tag color={TOPUP_STATE_COLOR[props.state]} data-testid="topup-state">
      {props.t(`topup.state.${props.state}`)}
    </Tag>
  );
}

export function attemptColumns(t: Translate): ColumnsType<TopupAttempt> {
  return [
    { title: t('topup.col.startedAt'), dataIndex: 'startedAt', width: 160, render: (v: number) => formatTime(v) },
    {
      title: t('topup.col.order'),
      dataIndex: 'platformOrderId',
      width: 200,
      render: (v: string, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text style={mono}>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.shopName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('topup.col.product'), dataIndex: 'productName', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('topup.col.account'),
      dataIndex: 'accountMasked',
      width: 140,
      render: (v: string) => (
        <Typography.Text code data-testid="topup-account">
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('topup.col.via'),
      key: 'via',
      width: 170,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text ellipsis={{ tooltip: row.via }} style={{ maxWidth: 150 }}>
            {row.via}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`topup.route.${row.route}`)} · {t('topup.attemptNo', { n: row.attemptNo })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('topup.col.state'), dataIndex: 'state', width: 140, render: (_, row) => <TopupStateTag state={row.state} t={t} /> },
    { title: t('topup.col.cost'), dataIndex: 'costFen', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : formatFen(v)) },
    {
      title: t('topup.col.error'),
      dataIndex: 'error',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
}
