import { ORDER_STATUS_TITLES } from '../../../../../src-shared/contract/methods/orders.js';
import { Alert, Button, Descriptions, Drawer, Flex, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import type { MethodOutput } from '../../../../../src-shared/contract/index.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useOrdersChanged } from '../useOrderEvents.js';
import { LineCard } from './LineCard.js';
import { OrderTimeline } from './OrderTimeline.js';

export type OrderDetailData = MethodOutput<'orders.get'>;

const DRAWER_WIDTH = 760;

/** The order behind a clicked line: header, every line with its (masked) keys and actions, the timeline. */
export function OrderDrawer(props: { orderId: number | undefined; onClose(): void; onChanged(): void }) {
  const t = useT();
  return (
    <Drawer open={props.orderId !== undefined} size={DRAWER_WIDTH} title={t('orders.detail.title')} onClose={props.onClose} destroyOnHidden data-testid="order-drawer">
      {props.orderId !== undefined && <OrderDetail key={props.orderId} orderId={props.orderId} onChanged={props.onChanged} />}
    </Drawer>
  );
}

function OrderDetail(props: { orderId: number; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const detail = useCall('orders.get', { orderId: props.orderId });
  const data = detail.data;
  const lineIds = useMemo(() => data?.lines.map((l) => l.id), [data]);
  // Keep the drawer live too: a retry or a platform confirmation lands here without reopening.
  useOrdersChanged(detail.reload, { lineIds });

  if (!data) {
    return detail.error !== undefined ? (
      <Alert type="error" showIcon title={errorText(detail.error)} action={<Button size="small" onClick={detail.reload}>{t('common.retry')}</Button>} />
    ) : (
      <Skeleton active />
    );
  }
  const { order } = data;
  const changed = () => {
    detail.reload();
    props.onChanged();
  };

  return (
    <Flex vertical gap={20}>
      {detail.error !== undefined && <Alert type="warning" showIcon title={errorText(detail.error)} />}
      <Descriptions
        size="small"
        column={2}
        bordered
        data-testid="order-header"
        items={[
          { key: 'orderId', label: t('orders.detail.orderId'), span: 2, children: <Typography.Text copyable>{order.platformOrderId}</Typography.Text> },
          { key: 'shop', label: t('orders.detail.shop'), children: `${order.shopName}（${t(`shops.platform.${order.platform}`)}）` },
          { key: 'platformStatus', label: t('orders.detail.platformStatus'), children: <>{ORDER_STATUS_TITLES[order.status]} <Typography.Text type="secondary">{order.platformStatus}</Typography.Text></> },
          { key: 'amount', label: t('orders.detail.amount'), children: formatFen(order.amountFen) },
          { key: 'buyer', label: t('orders.detail.buyer'), children: order.buyerMasked },
          { key: 'paidAt', label: t('orders.detail.paidAt'), children: order.paidAt === null ? t('orders.notPaid') : formatTime(order.paidAt) },
          { key: 'createdAt', label: t('orders.detail.createdAt'), children: formatTime(order.createdAt) },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('orders.detail.lines', { count: data.lines.length })}</Typography.Title>
        <Flex vertical gap={12}>
          {data.lines.map((line, i) => (
            <LineCard key={line.id} line={line} index={i + 1} showIndex={data.lines.length > 1} onChanged={changed} />
          ))}
        </Flex>
      </div>
      <div>
        <Typography.Title level={5}>
          {t('orders.detail.timeline')} <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>{t('common.beijingTime')}</Typography.Text>
        </Typography.Title>
        <OrderTimeline entries={data.timeline} lines={data.lines} />
      </div>
    </Flex>
  );
}
