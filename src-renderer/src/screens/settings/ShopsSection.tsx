import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Shop } from '../../../../src-shared/contract/methods/shops.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { useShopsChanged } from '../orders/useOrderEvents.js';
import { SHOP_TABLE_WIDTH, shopColumns } from './shops/shop-columns.js';
import { ShopFormDrawer } from './shops/ShopFormDrawer.js';
import { useShopActions } from './shops/useShopActions.js';

/** How often "back off until" is compared with the clock; the table itself is live by `shops.changed`. */
const CLOCK_MS = 15_000;

/** 店铺: the connected shops, their health, and where new ones are added (test connection right after). */
export function ShopsSection() {
  const t = useT();
  const errorText = useErrorText();
  const [, navigate] = useHashRoute();
  const shops = useCall('shops.list', {});
  const platforms = useCall('shops.platforms', {});
  useShopsChanged(shops.reload);
  const actions = useShopActions(shops.reload);
  const [editing, setEditing] = useState<Shop | 'new'>();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_MS);
    return () => clearInterval(timer);
  }, []);

  const columns = shopColumns({
    t,
    now,
    busy: actions.busy,
    onTest: (s) => void actions.test(s),
    onSync: (s) => void actions.sync(s),
    onPause: (s, paused) => void actions.setPaused(s, paused),
    onEdit: setEditing,
  });

  let content;
  if (!shops.data) {
    content =
      shops.error !== undefined ? (
        <Alert type="error" showIcon title={errorText(shops.error)} action={<Button size="small" onClick={shops.reload}>{t('common.retry')}</Button>} />
      ) : (
        <Skeleton active />
      );
  } else if (shops.data.length === 0) {
    content = (
      <Empty
        data-testid="shops-empty"
        description={
          <Flex vertical gap={4} align="center">
            <Typography.Text strong>{t('shops.empty.title')}</Typography.Text>
            <Typography.Text type="secondary" style={{ maxWidth: 520 }}>
              {t('shops.empty.description')}
            </Typography.Text>
            <Typography.Link onClick={() => navigate('settings', 'sandbox')}>{t('shops.empty.sandboxLink')}</Typography.Link>
          </Flex>
        }
      />
    );
  } else {
    content = (
      <Table<Shop>
        data-testid="shops-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={shops.data}
        pagination={false}
        scroll={{ x: SHOP_TABLE_WIDTH }}
      />
    );
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 720 }}>
          {t('shops.explain')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="shop-add">
          {t('shops.add')}
        </Button>
      </Flex>
      {actions.notice && (
        <Alert
          type={actions.notice.type}
          showIcon
          closable={{ onClose: actions.clearNotice }}
          title={actions.notice.title}
          description={actions.notice.description}
          data-testid="shop-notice"
        />
      )}
      {shops.error !== undefined && shops.data && <Alert type="warning" showIcon title={errorText(shops.error)} />}
      {content}
      {editing !== undefined && (
        <ShopFormDrawer
          shop={editing === 'new' ? undefined : editing}
          platforms={platforms.data ?? []}
          platformsError={platforms.error}
          onClose={() => setEditing(undefined)}
          onSaved={shops.reload}
        />
      )}
    </Flex>
  );
}
