import { Col, Row } from 'antd';
import { useVault } from '../../app/VaultContext.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useSandbox } from '../../shell/SandboxContext.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { DemoShopCard } from './DemoShopCard.js';
import { GettingStarted } from './GettingStarted.js';
import { TodayFigures } from './TodayFigures.js';

/** 工作台: today at a glance and what to do next. */
export default function HomeScreen() {
  const { status } = useVault();
  const sandbox = useSandbox().status;
  const [, navigate] = useHashRoute();
  const showSandbox = sandbox?.running === true;
  return (
    <ScreenPage id="home" wide>
      <TodayFigures />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={showSandbox ? 15 : 24}>
          <GettingStarted
            recoveryConfirmed={status.recoveryConfirmed}
            demoShopName={sandbox?.demoShop?.name}
            navigate={navigate}
          />
        </Col>
        {showSandbox && (
          <Col xs={24} xl={9}>
            <DemoShopCard sandbox={sandbox} />
          </Col>
        )}
      </Row>
    </ScreenPage>
  );
}
