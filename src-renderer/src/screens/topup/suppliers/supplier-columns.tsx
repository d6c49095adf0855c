import { EditOutlined, PauseCircleOutlined, PlayCircleOutlined, SearchOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Supplier } from '../../../../../src-shared/contract/methods/topup.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { SUPPLIER_STATUS_COLOR } from '../labels.js';

export const SUPPLIER_TABLE_WIDTH = 1100;
export type SupplierAction = 'balance' | 'pause';

export function supplierColumns(opts: {
  t: Translate;
  busy: Partial<Record<number, SupplierAction>>;
  onBalance(s: Supplier): void;
  onPause(s: Supplier, paused: boolean): void;
  onGoods(s: Supplier): void;
  onEdit(s: Supplier): void;
}): ColumnsType<Supplier> {
  const { t } = opts;
  return [
    {
      title: t('topup.supplier.col.name'),
      key: 'name',
      width: 200,
      render: (_, s) => (
        <Space size={4} wrap>
          <Typography.Text strong data-testid="supplier-name-cell">
            {s.name}
          </Typography.Text>
          {s.sandbox && <Tag color="purple">{t('topup.sandboxTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('topup.supplier.col.appKey'), dataIndex: 'appKeyMasked', width: 140, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('topup.supplier.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, s) => (
        <Tag color={SUPPLIER_STATUS_COLOR[s.status]} data-testid="supplier-status">
          {t(`topup.supplier.status.${s.status}`)}
        </Tag>
      ),
    },
    {
      title: t('topup.supplier.col.balance'),
      key: 'balance',
      width: 190,
      render: (_, s) =>
        s.balanceFen === null ? (
          <Typography.Text type="secondary">{t('topup.supplier.noBalance')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong data-testid="supplier-balance">
              {formatFen(s.balanceFen)}
            </Typography.Text>
            {s.balanceAt !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('topup.supplier.balanceAt', { time: formatTime(s.balanceAt) })}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    {
      title: t('topup.supplier.col.lastError'),
      dataIndex: 'lastError',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 220 }} data-testid="supplier-last-error">
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('topup.col.actions'),
      key: 'actions',
      width: 260,
      fixed: 'right',
      render: (_, s) => {
        const busy = opts.busy[s.id];
        const paused = s.status === 'paused';
        return (
          <Space size={[4, 0]} wrap>
            <Button size="small" type="link" icon={<SyncOutlined />} loading={busy === 'balance'} onClick={() => opts.onBalance(s)} data-testid="supplier-balance-refresh">
              {t('topup.supplier.refreshBalance')}
            </Button>
            <Button size="small" type="link" icon={<SearchOutlined />} onClick={() => opts.onGoods(s)} data-testid="supplier-goods">
              {t('topup.supplier.goods')}
            </Button>
            {paused ? (
              <Button size="small" type="link" icon={<PlayCircleOutlined />} loading={busy === 'pause'} onClick={() => opts.onPause(s, false)} data-testid="supplier-resume">
                {t('topup.resume')}
              </Button>
            ) : (
              <Popconfirm title={t('topup.supplier.pauseConfirm', { name: s.name })} okText={t('topup.pause')} cancelText={t('common.cancel')} onConfirm={() => opts.onPause(s, true)}>
                <Button size="small" type="link" icon={<PauseCircleOutlined />} loading={busy === 'pause'} data-testid="supplier-pause">
                  {t('topup.pause')}
                </Button>
              </Popconfirm>
            )}
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => opts.onEdit(s)} data-testid="supplier-edit">
              {t(s.status === 'needs_auth' ? 'topup.supplier.reauth' : 'topup.supplier.edit')}
            </Button>
          </Space>
        );
      },
    },
  ];
}
