import { DeleteOutlined, EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { PURCHASE_STATE_COLOR, type RestockPurchase, type RestockRuleRow } from '../labels.js';

export type RuleAction = 'toggle' | 'run' | 'remove';

const dangerText = (v: string | null, width: number) =>
  v ? (
    <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: width }}>
      {v}
    </Typography.Text>
  ) : null;

export function ruleColumns(opts: {
  t: Translate;
  supplierName(id: number): string;
  busy: Partial<Record<number, RuleAction>>;
  onToggle(rule: RestockRuleRow, enabled: boolean): void;
  onRun(rule: RestockRuleRow): void;
  onEdit(rule: RestockRuleRow): void;
  onRemove(rule: RestockRuleRow): void;
}): ColumnsType<RestockRuleRow> {
  const { t } = opts;
  return [
    { title: t('topup.restock.col.product'), dataIndex: 'productName', width: 160, ellipsis: true },
    {
      title: t('topup.restock.col.supplier'),
      key: 'supplier',
      width: 140,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{opts.supplierName(r.supplierId)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('topup.restock.supplierProduct', { id: r.supplierProductId })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('topup.restock.col.threshold'), dataIndex: 'threshold', width: 90, align: 'right' },
    { title: t('topup.restock.col.buyCount'), dataIndex: 'buyCount', width: 90, align: 'right' },
    {
      title: t('topup.restock.col.budget'),
      key: 'budget',
      width: 130,
      align: 'right',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{formatFen(r.dailyBudgetFen)}</span>
          <Typography.Text type={r.spentTodayFen >= r.dailyBudgetFen ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
            {t('topup.restock.spentToday', { spent: formatFen(r.spentTodayFen) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('topup.restock.col.enabled'),
      dataIndex: 'enabled',
      width: 60,
      render: (v: boolean, r) => <Switch size="small" checked={v} loading={opts.busy[r.productId] === 'toggle'} onChange={(on) => opts.onToggle(r, on)} data-testid="restock-enabled" />,
    },
    {
      title: t('topup.restock.col.lastRun'),
      key: 'lastRun',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary">{r.lastRunAt === null ? t('topup.restock.neverRun') : formatTime(r.lastRunAt)}</Typography.Text>
          {dangerText(r.lastError, 150)}
        </Space>
      ),
    },
    {
      title: t('topup.col.actions'),
      key: 'actions',
      width: 210,
      fixed: 'right',
      render: (_, r) => (
        <Space size={[4, 0]} wrap>
          <Button size="small" type="link" icon={<ThunderboltOutlined />} loading={opts.busy[r.productId] === 'run'} onClick={() => opts.onRun(r)} data-testid="restock-run">
            {t('topup.restock.runNow')}
          </Button>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => opts.onEdit(r)} data-testid="restock-edit">
            {t('topup.restock.edit')}
          </Button>
          <Popconfirm title={t('topup.restock.removeConfirm', { name: r.productName })} okText={t('topup.restock.remove')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => opts.onRemove(r)}>
            <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={opts.busy[r.productId] === 'remove'}>
              {t('topup.restock.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}

export function purchaseColumns(t: Translate): ColumnsType<RestockPurchase> {
  return [
    { title: t('topup.restock.col.time'), dataIndex: 'createdAt', width: 160, render: (v: number) => formatTime(v) },
    { title: t('topup.restock.col.product'), dataIndex: 'productName', width: 170, ellipsis: true },
    { title: t('topup.restock.col.supplier'), dataIndex: 'supplierName', width: 140, ellipsis: true },
    { title: t('topup.restock.col.count'), dataIndex: 'count', width: 80, align: 'right' },
    { title: t('topup.restock.col.unitCost'), dataIndex: 'unitCostFen', width: 100, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('topup.restock.col.total'), dataIndex: 'totalFen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
    {
      title: t('topup.restock.col.state'),
      dataIndex: 'state',
      width: 100,
      render: (_, p) => <Tag color={PURCHASE_STATE_COLOR[p.state]}>{t(`topup.restock.state.${p.state}`)}</Tag>,
    },
    { title: t('topup.restock.col.error'), dataIndex: 'error', render: (v: string | null) => dangerText(v, 180) ?? '—' },
  ];
}
