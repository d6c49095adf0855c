import { Alert, Card, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { LineStatusTag } from '../order-columns.js';
import type { OrderDetailData } from './OrderDrawer.js';
import { LineActions } from './LineActions.js';
import { AddFromOrderButton } from '../../risk/lists/AddFromOrder.js';

export type DetailLine = OrderDetailData['lines'][number];

/** One order line in the drawer: what was bought, what it maps to, its keys (masked) and what can be done. */
export function LineCard(props: { line: DetailLine; index: number; showIndex: boolean; onChanged(): void }) {
  const t = useT();
  const { line } = props;
  return (
    <Card
      size="small"
      data-testid="order-line"
      title={
        <Space size={8} wrap>
          {props.showIndex && <Typography.Text type="secondary">{t('orders.line.ref', { n: props.index })}</Typography.Text>}
          <span>
            {line.title} <Typography.Text type="secondary">× {line.quantity}</Typography.Text>
          </span>
          <LineStatusTag line={line} t={t} />
          {typeof line.redeemedAt === 'number' && (
            <Tooltip title={t('aftersales.line.redeemedAt', { time: formatTime(line.redeemedAt) })}>
              <Tag color="green" data-testid="line-redeemed">
                {t('aftersales.line.redeemed')}
              </Tag>
            </Tooltip>
          )}
          {line.issue && (
            <Tag color="magenta" data-testid="line-issue">
              {t(`aftersales.kind.${line.issue}`)}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space size={4} wrap>
          <LineActions line={line} onChanged={props.onChanged} />
          <AddFromOrderButton lineId={line.id} platformOrderId={line.platformOrderId} />
        </Space>
      }
    >
      <Flex vertical gap={12}>
        {line.lastError && <Alert type="error" showIcon title={t('orders.lastError', { error: line.lastError })} data-testid="line-error" />}
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'product', label: t('orders.line.product'), children: line.productName ?? <Typography.Text type="warning">{t('orders.unmappedProduct')}</Typography.Text> },
            { key: 'price', label: t('orders.col.price'), children: formatFen(line.priceFen) },
            { key: 'sku', label: t('orders.line.sku'), children: line.skuId || '—' },
            { key: 'outer', label: t('orders.line.outerId'), children: line.outerId || '—' },
            { key: 'attempts', label: t('orders.col.attempts'), children: line.attempts },
            { key: 'delivered', label: t('orders.line.deliveredAt'), children: line.deliveredAt === null ? '—' : formatTime(line.deliveredAt) },
            { key: 'lineId', label: t('orders.line.platformLineId'), span: 2, children: line.platformLineId },
            ...(line.rechargeAccountMasked
              ? [{ key: 'account', label: t('aftersales.line.account'), span: 2, children: <Typography.Text code data-testid="line-account">{line.rechargeAccountMasked}</Typography.Text> }]
              : []),
          ]}
        />
        <div>
          <Typography.Text strong style={{ marginInlineEnd: 12 }}>
            {t('orders.line.keys')}
          </Typography.Text>
          {line.keys.length === 0 ? (
            <Typography.Text type="secondary">{t('orders.line.noKeys')}</Typography.Text>
          ) : (
            <Flex vertical gap={4} style={{ marginTop: 6 }} data-testid="line-keys">
              {line.keys.map((k) => (
                <Space key={k.keyId} size={12}>
                  <Typography.Text type="secondary">{k.cardNo ?? '—'}</Typography.Text>
                  <Typography.Text code data-testid="masked-secret">
                    {k.secretMasked}
                  </Typography.Text>
                </Space>
              ))}
            </Flex>
          )}
        </div>
      </Flex>
    </Card>
  );
}
