import { Col, Row } from 'antd';
import { useEffect } from 'react';
import { onEvent } from '../../api/index.js';
import { useVault } from '../../app/VaultContext.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useCall } from '../../hooks/useCall.js';
import { useSandbox } from '../../shell/SandboxContext.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { DemoShopCard } from './DemoShopCard.js';
import { GettingStarted } from './GettingStarted.js';
import { OverviewFigures } from './OverviewFigures.js';
import { StockAlerts } from './StockAlerts.js';

/** 工作台: the stock at a glance, what needs restocking, and what to do next. */
export default function HomeScreen() {
  const { status } = useVault();
  const sandbox = useSandbox().status;
  const [, navigate] = useHashRoute();
  const products = useCall('products.list', {});
  const { reload } = products;
  // Imports, voids and new products change every figure here; after a reconnect, changes may be missed.
  useEffect(() => onEvent((m) => m.event === 'inventory.changed' && reload(), reload), [reload]);
  // Steps 3 and 4 tick themselves once a shop is connected and a first order went out.
  const shops = useCall('shops.list', {});
  const delivered = useCall('orders.list', { status: 'delivered', limit: 1 });
  const reloadShops = shops.reload;
  const reloadDelivered = delivered.reload;
  useEffect(() => onEvent((m) => (m.event === 'shops.changed' ? reloadShops() : m.event === 'orders.changed' && reloadDelivered()), () => {
    reloadShops();
    reloadDelivered();
  }), [reloadShops, reloadDelivered]);
  const list = products.data;
  const showSide = sandbox?.running === true || (list ?? []).some((p) => p.lowStock || p.expiringSoon > 0);
  const hasKeys = (list ?? []).some((p) => Object.values(p.stock).some((n) => n > 0));
  return (
    <ScreenPage id="home" wide>
      <OverviewFigures products={list} navigate={navigate} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={showSide ? 15 : 24}>
          <GettingStarted
            recoveryConfirmed={status.recoveryConfirmed}
            hasProducts={(list?.length ?? 0) > 0}
            hasKeys={hasKeys}
            demoShopName={sandbox?.demoShop?.name}
            shopCount={shops.data?.length ?? 0}
            deliveredCount={delivered.data?.total ?? 0}
            navigate={navigate}
          />
        </Col>
        {showSide && (
          <Col xs={24} xl={9}>
            {list && <StockAlerts products={list} navigate={navigate} />}
            {sandbox?.running && <DemoShopCard sandbox={sandbox} />}
          </Col>
        )}
      </Row>
    </ScreenPage>
  );
}
