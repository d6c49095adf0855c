import { Alert, Button, Col, Flex, Row } from 'antd';
import { useVault } from '../../app/VaultContext.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';
import { useSandbox } from '../../shell/SandboxContext.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { DemoShopCard } from './DemoShopCard.js';
import { GettingStarted } from './GettingStarted.js';
import { ProblemsCard } from './ProblemsCard.js';
import { RecentDeliveries } from './RecentDeliveries.js';
import { StockAlerts } from './StockAlerts.js';
import { useLiveWorkbench, useReloadOn } from './useLiveWorkbench.js';
import { WorkbenchFigures } from './WorkbenchFigures.js';

const STOCK_MOVES = ['inventory.changed', 'orders.changed'] as const;
const SHOPS_MOVES = ['shops.changed'] as const;
const DELIVERED_MOVES = ['orders.changed'] as const;

/**
 * 工作台: today's and this week's money and delivery figures, what waits for the owner, the stock, and
 * the deliveries as they go out. A new merchant also sees the steps to a first automatic delivery.
 */
export default function HomeScreen() {
  const t = useT();
  const errorText = useErrorText();
  const { status } = useVault();
  const sandbox = useSandbox().status;
  const [, navigate] = useHashRoute();
  const workbench = useLiveWorkbench();
  const products = useCall('products.list', {});
  // Imports, voids and new products change the stock card, and so does every delivery.
  useReloadOn(products.reload, STOCK_MOVES);
  // The getting-started steps tick themselves once a shop is connected and a first order went out.
  const shops = useCall('shops.list', {});
  const delivered = useCall('orders.list', { status: 'delivered', limit: 1 });
  useReloadOn(shops.reload, SHOPS_MOVES);
  useReloadOn(delivered.reload, DELIVERED_MOVES);

  const wb = workbench.data;
  const list = products.data;
  const hasKeys = (list ?? []).some((p) => Object.values(p.stock).some((n) => n > 0));
  const shopCount = shops.data?.length ?? 0;
  const deliveredCount = delivered.data?.total ?? 0;
  // Until every step is done; decided once the answers are in, so a merchant long past it never sees it flash by.
  const known = list !== undefined && shops.data !== undefined && delivered.data !== undefined;
  const showSteps = known && !(hasKeys && shopCount > 0 && deliveredCount > 0 && status.recoveryConfirmed);
  const shopFailing = (shops.data ?? []).some((s) => s.status === 'error' || s.status === 'needs_auth' || (s.status === 'active' && s.lastError !== null));
  const syncTarget: [ScreenId, string?] = shopFailing ? ['settings', 'shops'] : ['inventory'];
  const loadError = workbench.error !== undefined && (
    <Alert
      type="error"
      showIcon
      title={errorText(workbench.error)}
      action={<Button size="small" onClick={workbench.reload}>{t('common.retry')}</Button>}
      style={{ marginBottom: 12 }}
    />
  );

  return (
    <ScreenPage id="home" wide>
      <WorkbenchFigures workbench={wb} error={loadError} navigate={navigate} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            {showSteps && (
              <GettingStarted
                recoveryConfirmed={status.recoveryConfirmed}
                hasProducts={(list?.length ?? 0) > 0}
                hasKeys={hasKeys}
                demoShopName={sandbox?.demoShop?.name}
                shopCount={shopCount}
                deliveredCount={deliveredCount}
                navigate={navigate}
              />
            )}
            <RecentDeliveries deliveries={wb?.recentDeliveries} today={wb?.today.from} navigate={navigate} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <ProblemsCard problems={wb?.problems} syncTarget={syncTarget} navigate={navigate} />
            {list && list.length > 0 && <StockAlerts products={list} navigate={navigate} />}
            {sandbox?.running && <DemoShopCard sandbox={sandbox} />}
          </Flex>
        </Col>
      </Row>
    </ScreenPage>
  );
}
