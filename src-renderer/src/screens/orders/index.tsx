import { SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton, Typography } from 'antd';
import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { useSandbox } from '../../shell/SandboxContext.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { OrdersView } from './OrdersView.js';
import { useShopsChanged } from './useOrderEvents.js';

/** 订单: order lines from every connected shop, with their delivery state; empty until a shop is connected. */
export default function OrdersScreen() {
  const t = useT();
  const errorText = useErrorText();
  const shops = useCall('shops.list', {});
  useShopsChanged(shops.reload);

  let content;
  if (!shops.data) {
    content =
      shops.error !== undefined ? (
        <Alert type="error" showIcon title={errorText(shops.error)} action={<Button onClick={shops.reload}>{t('common.retry')}</Button>} />
      ) : (
        <Skeleton active />
      );
  } else if (shops.data.length === 0) {
    content = <NoShops />;
  } else {
    content = <OrdersView shops={shops.data} />;
  }
  return (
    <ScreenPage id="orders" wide>
      {content}
    </ScreenPage>
  );
}

/** No shop yet: what will appear here, the steps, and the way to 设置 › 店铺 where shops are connected. */
function NoShops() {
  const t = useT();
  const [, navigate] = useHashRoute();
  const sandbox = useSandbox().status;
  // Point at the demo shop only where there is one to point at.
  const tip = sandbox?.demoShop
    ? t('orders.empty.demoShopTip', { name: sandbox.demoShop.name })
    : sandbox?.running
      ? t('orders.empty.sandboxTip')
      : undefined;
  return (
    <ScreenEmpty
      title={t('orders.empty.title')}
      description={t('orders.empty.description')}
      steps={[
        { title: t('orders.step1.title'), content: t('orders.step1.content') },
        { title: t('orders.step2.title'), content: t('orders.step2.content') },
        { title: t('orders.step3.title'), content: t('orders.step3.content') },
      ]}
      extra={
        <Flex vertical align="center" gap={12}>
          <Button type="primary" size="large" icon={<SettingOutlined />} onClick={() => navigate('settings', 'shops')} data-testid="orders-connect-shop">
            {t('orders.empty.connect')}
          </Button>
          {tip && <Typography.Text type="secondary">{tip}</Typography.Text>}
        </Flex>
      }
    />
  );
}
