import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import { useMemo, useState, type UIEvent } from 'react';
import type { OrderLine } from '../../../../src-shared/contract/methods/orders.js';
import type { Shop } from '../../../../src-shared/contract/methods/shops.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { OrderDrawer } from './detail/OrderDrawer.js';
import { filterFromSection, isFiltered, toOrderFilter, type OrderFilterValues } from './filter.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { ORDER_TABLE_WIDTH, orderColumns } from './order-columns.js';
import { OrderFilters } from './OrderFilters.js';
import { StatusChips } from './StatusChips.js';
import { useOrdersChanged } from './useOrderEvents.js';
import { useOrderPages } from './useOrderPages.js';

const TABLE_HEIGHT = 520;
const LOAD_AHEAD_PX = 300;

/** The order lines of the connected shops: filters, status counts, the live table and the detail drawer. */
export function OrdersView(props: { shops: Shop[] }) {
  const t = useT();
  const errorText = useErrorText();
  const [route] = useHashRoute();
  const [values, setValues] = useState<OrderFilterValues>(() => filterFromSection(route.section));
  const filter = useMemo(() => toOrderFilter(values), [values]);
  const pages = useOrderPages(filter);
  useOrdersChanged(pages.refresh, { shopId: values.shopId });
  const [openOrderId, setOpenOrderId] = useState<number>();
  const columns = useMemo(() => orderColumns(t), [t]);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < LOAD_AHEAD_PX) pages.loadMore();
  };

  return (
    <Card variant="borderless">
      <Flex vertical gap={12}>
        <OrderFilters value={values} shops={props.shops} onChange={setValues} />
        <StatusChips counts={pages.counts} value={values} onChange={setValues} />
        {pages.error !== undefined && (
          <Alert type="error" showIcon title={errorText(pages.error)} action={<Button size="small" onClick={pages.refresh}>{t('common.retry')}</Button>} />
        )}
        {/* aria-busy: assistive tech (and tests) learn when this filter's answer is in. */}
        <Flex vertical gap={12} aria-busy={pages.loading} data-testid="orders-results">
          <Table<OrderLine>
            data-testid="orders-table"
            size="small"
            rowKey="id"
            virtual
            scroll={{ x: ORDER_TABLE_WIDTH, y: TABLE_HEIGHT }}
            columns={columns}
            dataSource={pages.lines}
            loading={pages.loading}
            pagination={false}
            onScroll={onScroll}
            onRow={(row) => ({ onClick: () => setOpenOrderId(row.orderId), style: { cursor: 'pointer' } })}
            locale={{ emptyText: t(isFiltered(values) ? 'orders.table.noMatch' : 'orders.table.empty') }}
          />
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary" data-testid="orders-count">
              {t('orders.count', { shown: pages.lines.length.toLocaleString('zh-CN'), total: pages.total.toLocaleString('zh-CN') })}
            </Typography.Text>
            {pages.hasMore && (
              <Button onClick={pages.loadMore} loading={pages.loadingMore} data-testid="orders-more">
                {t('orders.more')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Flex>
      <OrderDrawer orderId={openOrderId} onClose={() => setOpenOrderId(undefined)} onChanged={pages.refresh} />
    </Card>
  );
}
