import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RiskHoldView } from '../../../../../src-shared/contract/methods/risk.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { ACTION_COLOR, HOLD_STATUS_COLOR, mono, small } from '../labels.js';
import { Deadline } from './Deadline.js';
import { HoldActions } from './HoldActions.js';

export const HOLD_TABLE_WIDTH = 1040;

export function holdColumns(t: Translate, opts: { now: number; alertBeforeMs: number; onChanged(): void }): ColumnsType<RiskHoldView> {
  return [
    {
      title: t('risk.col.order'),
      key: 'order',
      width: 165,
      render: (_, h) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text style={mono} data-testid="hold-order">
            {h.platformOrderId}
          </Typography.Text>
          <Typography.Text type="secondary" style={small}>
            {h.shopName} · {t(`shops.platform.${h.platform}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('risk.col.product'),
      key: 'product',
      width: 150,
      render: (_, h) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 134 }}>
          <Typography.Text ellipsis={{ tooltip: h.productName ?? h.title }}>{h.productName ?? h.title}</Typography.Text>
          <Typography.Text style={small} data-testid="hold-amount">
            {formatFen(h.amountFen)}
            <Typography.Text type="secondary" style={small}>
              {' '}× {h.quantity}
            </Typography.Text>
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('risk.col.paidAt'),
      key: 'paidAt',
      width: 96,
      // Date over time: the column stays narrow and nothing wraps mid-number.
      render: (_, h) => {
        if (h.paidAt === null) return '—';
        const [day, time] = formatTime(h.paidAt).split(' ');
        return (
          <Space orientation="vertical" size={0} style={small}>
            <span>{day}</span>
            <Typography.Text type="secondary" style={small}>
              {time}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('risk.col.action'),
      key: 'action',
      width: 84,
      render: (_, h) => (
        <Space orientation="vertical" size={2}>
          <Tag color={ACTION_COLOR[h.decision.action]} data-testid="hold-action" style={{ marginInlineEnd: 0 }}>
            {t(`risk.actionShort.${h.decision.action}`)}
          </Tag>
          <Tooltip title={t('risk.scoreHelp')}>
            <Typography.Text type="secondary" style={small} data-testid="hold-score">
              {t('risk.score', { score: h.decision.score })}
            </Typography.Text>
          </Tooltip>
        </Space>
      ),
    },
    {
      title: t('risk.col.reasons'),
      key: 'reasons',
      render: (_, h) => (
        <Space size={[4, 4]} wrap data-testid="hold-reasons">
          {h.decision.reasons.length === 0 ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            h.decision.reasons.map((r, i) => (
              <Tag key={i} color="volcano" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                {r}
              </Tag>
            ))
          )}
        </Space>
      ),
    },
    {
      title: t('risk.col.deadline'),
      key: 'deadline',
      width: 156,
      render: (_, h) =>
        h.status === 'open' ? (
          <Deadline hold={h} now={opts.now} alertBeforeMs={opts.alertBeforeMs} />
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag color={HOLD_STATUS_COLOR[h.status]} data-testid="hold-status" style={{ marginInlineEnd: 0 }}>
              {t(`risk.holdStatus.${h.status}`)}
            </Tag>
            {h.decidedAt !== null && (
              <Typography.Text type="secondary" style={small}>
                {formatTime(h.decidedAt)}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    {
      title: t('risk.col.handle'),
      key: 'handle',
      width: 170,
      fixed: 'right',
      render: (_, h) => (h.status === 'open' ? <HoldActions hold={h} onChanged={opts.onChanged} /> : <Typography.Text type="secondary" style={small}>{h.decidedBy ?? '—'}</Typography.Text>),
    },
  ];
}
