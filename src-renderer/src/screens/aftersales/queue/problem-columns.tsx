import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Problem } from '../../../../../src-shared/contract/methods/aftersales.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { PROBLEM_COLOR } from '../labels.js';
import { FixButtons } from './FixButtons.js';

export const PROBLEM_TABLE_WIDTH = 1060;
/** Masked keys shown in a row; the rest are counted (the drawer and the fix dialogs show them all). */
const KEYS_SHOWN = 2;

const mono = { fontFamily: 'ui-monospace, Consolas, monospace', fontSize: 12 };
const small = { fontSize: 12 };

export function problemColumns(t: Translate, onChanged: () => void): ColumnsType<Problem> {
  return [
    {
      title: t('aftersales.col.order'),
      key: 'order',
      width: 170,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text style={mono} data-testid="problem-order">
            {p.platformOrderId}
          </Typography.Text>
          <Typography.Text type="secondary" style={small}>
            {p.shopName} · {t(`shops.platform.${p.platform}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('aftersales.col.productAmount'),
      key: 'product',
      width: 170,
      render: (_, p) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 154 }}>
          <Typography.Text ellipsis={{ tooltip: p.productName ?? p.title }}>{p.productName ?? t('orders.unmappedProduct')}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: p.title }} style={small}>
            {p.title}
          </Typography.Text>
          <Typography.Text style={small} data-testid="problem-amount">
            {formatFen(p.amountFen)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('aftersales.col.what'),
      key: 'what',
      width: 140,
      render: (_, p) => {
        if (p.accountMasked) {
          return (
            <Typography.Text code data-testid="problem-account">
              {p.accountMasked}
            </Typography.Text>
          );
        }
        if (p.keys.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space orientation="vertical" size={0} data-testid="problem-keys">
            {p.keys.slice(0, KEYS_SHOWN).map((k) => (
              <Typography.Text key={k.keyId} code>
                {k.secretMasked}
              </Typography.Text>
            ))}
            {p.keys.length > KEYS_SHOWN && (
              <Typography.Text type="secondary" style={small}>
                {t('aftersales.moreKeys', { count: p.keys.length - KEYS_SHOWN })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('aftersales.col.problem'),
      key: 'problem',
      render: (_, p) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Tag color={PROBLEM_COLOR[p.kind]} data-testid="problem-kind">
              {t(`aftersales.kind.${p.kind}`)}
            </Tag>
            <Typography.Text type="secondary" style={small}>
              {t('aftersales.since', { time: formatTime(p.since) })}
            </Typography.Text>
          </Space>
          <Typography.Text data-testid="problem-message">{p.message}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('aftersales.col.fix'),
      key: 'fix',
      width: 240,
      fixed: 'right',
      render: (_, p) => <FixButtons problem={p} onChanged={onChanged} />,
    },
  ];
}
