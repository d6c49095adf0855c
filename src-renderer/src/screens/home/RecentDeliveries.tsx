import { Badge, Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import type { RecentDelivery } from '../../../../src-shared/contract/index.js';
import { formatFen, formatTime } from '../../../../src-shared/format.js';
import { dayOf } from '../../../../src-shared/reports/days.js';
import { useT, type Translate } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';
import { durationText } from './duration.js';
import { PLATFORM_COLORS } from '../reports/charts/common.js';


/** How long a new delivery stays highlighted. */
const FRESH_MS = 4_000;

function columns(t: Translate, today: string): ColumnsType<RecentDelivery> {
  return [
    {
      title: t('workbench.recent.col.time'),
      dataIndex: 'deliveredAt',
      width: 92,
      // Today's deliveries by the clock; older ones with their date.
      render: (v: number) => <Tooltip title={formatTime(v)}>{dayOf(v) === today ? formatTime(v).slice(11) : formatTime(v).slice(5, 16)}</Tooltip>,
    },
    {
      title: t('workbench.recent.col.product'),
      key: 'product',
      // What went out on the first line; where it was sold under it, the platform first.
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.productName}>
            {r.productName} <Typography.Text type="secondary">× {r.quantity}</Typography.Text>
          </div>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 12 }}>
            <Tag color={PLATFORM_COLORS[r.platform]} bordered={false} style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4, marginInlineEnd: 6 }}>
              {t(`shops.platform.${r.platform}`)}
            </Tag>
            <Tooltip title={t('workbench.recent.orderId', { id: r.platformOrderId })}>
              <Typography.Text type="secondary">{r.shopName}</Typography.Text>
            </Tooltip>
          </div>
        </div>
      ),
    },
    { title: t('workbench.recent.col.amount'), dataIndex: 'amountFen', width: 96, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('workbench.recent.col.buyer'), dataIndex: 'buyerMasked', width: 84, ellipsis: true },
    {
      title: t('workbench.recent.col.took'),
      key: 'took',
      width: 104,
      align: 'right',
      render: (_, r) => {
        const { key, vars } = durationText(Math.max(0, r.deliveredAt - r.paidAt));
        return <Typography.Text type="secondary">{t(key, vars)}</Typography.Text>;
      },
    },
  ];
}

/**
 * 最近发货: the last deliveries, newest first, as they happen (the screen re-reads on order events).
 * A delivery that arrives while the owner watches is highlighted for a moment.
 */
export function RecentDeliveries(props: { deliveries: RecentDelivery[] | undefined; today: string | undefined; navigate(screen: ScreenId): void }) {
  const t = useT();
  const rows = props.deliveries;
  const fresh = useFreshRows(rows);
  const cols = useMemo(() => columns(t, props.today ?? ''), [t, props.today]);
  return (
    <Card
      variant="borderless"
      data-testid="home-recent"
      title={
        <span>
          {t('workbench.recent.title')}
          <Badge status="processing" text={t('workbench.recent.live')} style={{ marginInlineStart: 12, fontWeight: 'normal', fontSize: 12 }} />
        </span>
      }
      extra={<Typography.Link onClick={() => props.navigate('orders')}>{t('workbench.recent.all')}</Typography.Link>}
      styles={{ body: { padding: rows?.length ? '0 0 8px' : undefined } }}
    >
      {rows && rows.length === 0 ? (
        <Typography.Text type="secondary" data-testid="home-recent-empty">
          {t('workbench.recent.empty')}
        </Typography.Text>
      ) : (
        <Table<RecentDelivery>
          data-testid="home-recent-table"
          size="small"
          rowKey="lineId"
          columns={cols}
          dataSource={rows ?? []}
          loading={!rows}
          pagination={false}
          tableLayout="fixed"
          onRow={(r) => ({
            'data-fresh': fresh.has(r.lineId) ? 'true' : undefined,
            style: { backgroundColor: fresh.has(r.lineId) ? '#e6f4ff' : undefined, transition: 'background-color 1.2s ease-out' },
          }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}

/** Line ids that were not in the previous answer (none on the first one), for FRESH_MS after they appear. */
function useFreshRows(rows: RecentDelivery[] | undefined): ReadonlySet<number> {
  const seen = useRef<Set<number> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    if (!rows) return;
    const before = seen.current;
    seen.current = new Set(rows.map((r) => r.lineId));
    const added = before ? rows.filter((r) => !before.has(r.lineId)).map((r) => r.lineId) : [];
    if (added.length === 0) return;
    setFresh(new Set(added));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setFresh(new Set()), FRESH_MS);
  }, [rows]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return fresh;
}
