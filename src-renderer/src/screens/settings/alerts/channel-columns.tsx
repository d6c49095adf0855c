import { DeleteOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AlertChannel } from '../../../../../src-shared/contract/methods/alerts.js';
import { formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { PLATFORM_COLOR, kindLabel, platformLabel } from './labels.js';

export const CHANNEL_TABLE_WIDTH = 1000;

function statusOf(c: AlertChannel): { color: string; key: 'alerts.status.ok' | 'alerts.status.error' | 'alerts.status.disabled' | 'alerts.status.never' } {
  if (!c.enabled) return { color: 'default', key: 'alerts.status.disabled' };
  if (c.lastError) return { color: 'error', key: 'alerts.status.error' };
  if (c.lastSentAt === null) return { color: 'default', key: 'alerts.status.never' };
  return { color: 'success', key: 'alerts.status.ok' };
}

export function channelColumns(opts: {
  t: Translate;
  testing: number | undefined;
  onTest(c: AlertChannel): void;
  onEdit(c: AlertChannel): void;
  onRemove(c: AlertChannel): void;
}): ColumnsType<AlertChannel> {
  const { t } = opts;
  return [
    {
      title: t('alerts.col.name'),
      key: 'name',
      width: 190,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="alert-channel-name">
            {c.name}
          </Typography.Text>
          <Space size={4} wrap>
            <Tag color={PLATFORM_COLOR[c.kind]}>{t(platformLabel(c.kind))}</Tag>
            {c.hasSecret && <Tag>{t('alerts.signed')}</Tag>}
            {c.sandbox && <Tag color="purple">{t('alerts.sandboxTag')}</Tag>}
          </Space>
        </Space>
      ),
    },
    {
      title: t('alerts.col.url'),
      dataIndex: 'urlMasked',
      width: 210,
      render: (v: string) => (
        <Typography.Text code ellipsis={{ tooltip: v }} style={{ maxWidth: 190 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('alerts.col.kinds'),
      key: 'kinds',
      width: 150,
      render: (_, c) =>
        c.kinds.length === 0 ? (
          <Typography.Text type="secondary">{t('alerts.allKinds')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {c.kinds.map((k) => (
              <Tag key={k}>{t(kindLabel(k))}</Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('alerts.col.status'),
      key: 'status',
      render: (_, c) => {
        const status = statusOf(c);
        return (
          <Space orientation="vertical" size={2}>
            <Tag color={status.color} data-testid="alert-channel-status">
              {t(status.key)}
            </Tag>
            {c.lastError && (
              <Typography.Paragraph type="danger" ellipsis={{ rows: 2, tooltip: c.lastError }} style={{ fontSize: 12, marginBottom: 0 }} data-testid="alert-channel-error">
                {c.lastError}
              </Typography.Paragraph>
            )}
            {c.lastSentAt !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="alert-channel-last-sent">
                {t('alerts.lastSent', { time: formatTime(c.lastSentAt) })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('alerts.col.actions'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, c) => (
        <Space size={4}>
          <Button size="small" icon={<SendOutlined />} loading={opts.testing === c.id} disabled={opts.testing !== undefined} onClick={() => opts.onTest(c)} data-testid="alert-channel-test">
            {t('alerts.action.test')}
          </Button>
          <Tooltip title={t('alerts.action.edit')}>
            <Button size="small" type="text" icon={<EditOutlined />} onClick={() => opts.onEdit(c)} aria-label={t('alerts.action.edit')} data-testid="alert-channel-edit" />
          </Tooltip>
          <Popconfirm title={t('alerts.removeConfirm', { name: c.name })} onConfirm={() => opts.onRemove(c)} okButtonProps={{ danger: true }}>
            <Tooltip title={t('alerts.action.remove')}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('alerts.action.remove')} data-testid="alert-channel-remove" />
            </Tooltip>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
