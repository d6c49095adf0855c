import { Typography } from 'antd';
import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT } from '../../i18n/index.js';
import { useSandbox } from '../../shell/SandboxContext.js';

/** 订单: order lines from every connected shop, with their delivery state. */
export default function OrdersScreen() {
  const t = useT();
  const sandbox = useSandbox().status;
  // Point at the demo shop only where there is one to point at.
  const tip = sandbox?.demoShop
    ? t('orders.empty.demoShopTip', { name: sandbox.demoShop.name })
    : sandbox?.running
      ? t('orders.empty.sandboxTip')
      : undefined;
  return (
    <ScreenPage id="orders">
      <ScreenEmpty
        title={t('orders.empty.title')}
        description={t('orders.empty.description')}
        steps={[
          { title: t('orders.step1.title'), content: t('orders.step1.content') },
          { title: t('orders.step2.title'), content: t('orders.step2.content') },
          { title: t('orders.step3.title'), content: t('orders.step3.content') },
        ]}
        extra={tip && <Typography.Text type="secondary">{tip}</Typography.Text>}
      />
    </ScreenPage>
  );
}
