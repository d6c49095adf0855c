import { ApiOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Shop } from '../../../../../src-shared/contract/methods/shops.js';
import { formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { SHOP_STATUS_COLOR } from './labels.js';
import type { ShopAction } from './useShopActions.js';

export const SHOP_TABLE_WIDTH = 1060;

export function shopColumns(opts: {
  t: Translate;
  now: number;
  busy: Partial<Record<number, ShopAction>>;
  onTest(shop: Shop): void;
  onSync(shop: Shop): void;
  onPause(shop: Shop, paused: boolean): void;
  onEdit(shop: Shop): void;
}): ColumnsType<Shop> {
  const { t } = opts;
  return [
    {
      title: t('shops.col.shop'),
      key: 'shop',
      width: 190,
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="shop-name-cell">
            {s.name}
          </Typography.Text>
          <Space size={4}>
            <Typography.Text type="secondary">{t(`shops.platform.${s.platform}`)}</Typography.Text>
            {s.sandbox && <Tag color="purple">{t('shops.sandboxTag')}</Tag>}
          </Space>
        </Space>
      ),
    },
    {
      title: t('shops.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, s) => (
        <Tag color={SHOP_STATUS_COLOR[s.status]} data-testid="shop-status">
          {t(`shops.status.${s.status}`)}
        </Tag>
      ),
    },
    { title: t('shops.col.appKey'), dataIndex: 'appKeyMasked', width: 130, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('shops.col.polling'),
      key: 'polling',
      width: 250,
      render: (_, s) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 234 }}>
          <Typography.Text>
            {s.lastPollAt === null ? t('shops.neverPolled') : t('shops.lastPoll', { time: formatTime(s.lastPollAt) })}
            <Typography.Text type="secondary">{t('shops.pollEvery', { seconds: s.pollSeconds })}</Typography.Text>
          </Typography.Text>
          <Typography.Text type="secondary">{s.cursorAt === null ? t('shops.noCursor') : t('shops.cursor', { time: formatTime(s.cursorAt) })}</Typography.Text>
          {s.backoffUntil !== null && s.backoffUntil > opts.now && (
            <Typography.Text type="warning">{t('shops.backoffUntil', { time: formatTime(s.backoffUntil) })}</Typography.Text>
          )}
          {s.lastError && (
            <Typography.Text type="danger" ellipsis={{ tooltip: s.lastError }} data-testid="shop-last-error">
              {s.lastError}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('shops.col.push'),
      dataIndex: 'pushPath',
      width: 170,
      render: (v: string | null) =>
        v === null ? (
          <Typography.Text type="secondary">{t('shops.noPush')}</Typography.Text>
        ) : (
          <Tooltip title={t('shops.pushHelp')}>
            <Typography.Text copyable={{ tooltips: [t('shops.copy'), t('shops.copied')] }} ellipsis style={{ maxWidth: 150 }} data-testid="shop-push-path">
              {v}
            </Typography.Text>
          </Tooltip>
        ),
    },
    {
      title: t('shops.col.actions'),
      key: 'actions',
      width: 210,
      fixed: 'right',
      render: (_, s) => {
        const busy = opts.busy[s.id];
        const paused = s.status === 'paused';
        return (
          <Space size={[4, 0]} wrap>
            <Button size="small" type="link" icon={<ApiOutlined />} loading={busy === 'test'} disabled={busy !== undefined && busy !== 'test'} onClick={() => opts.onTest(s)} data-testid="shop-test">
              {t('shops.action.test')}
            </Button>
            <Button size="small" type="link" icon={<SyncOutlined />} loading={busy === 'sync'} disabled={paused || (busy !== undefined && busy !== 'sync')} onClick={() => opts.onSync(s)} data-testid="shop-sync">
              {t('shops.action.sync')}
            </Button>
            {paused ? (
              <Button size="small" type="link" icon={<PlayCircleOutlined />} loading={busy === 'pause'} onClick={() => opts.onPause(s, false)} data-testid="shop-resume">
                {t('shops.resume')}
              </Button>
            ) : (
              <Popconfirm title={t('shops.pauseConfirm', { name: s.name })} okText={t('shops.pause')} cancelText={t('common.cancel')} onConfirm={() => opts.onPause(s, true)}>
                <Button size="small" type="link" icon={<PauseCircleOutlined />} loading={busy === 'pause'} data-testid="shop-pause">
                  {t('shops.pause')}
                </Button>
              </Popconfirm>
            )}
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => opts.onEdit(s)} data-testid="shop-edit">
              {t(s.status === 'needs_auth' ? 'shops.reauth' : 'shops.edit')}
            </Button>
          </Space>
        );
      },
    },
  ];
}
