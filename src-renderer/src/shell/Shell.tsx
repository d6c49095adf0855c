import { Layout, Menu, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useVault } from '../app/VaultContext.js';
import { BrandMark } from '../components/BrandMark.js';
import { useT } from '../i18n/index.js';
import { AfterRecoveryModal } from './AfterRecoveryModal.js';
import { RecoveryBanner } from './RecoveryBanner.js';
import { SandboxProvider } from './SandboxContext.js';
import { screenRegistry } from './screen-registry.js';
import { screenIds } from './screens.js';
import { ShellHeader } from './ShellHeader.js';
import { useHashRoute } from './useHashRoute.js';
import { useNotices } from './useNotices.js';

/** The workbench once unlocked: menu on the left, the current screen on the right. */
export function Shell(props: { unlockedWithRecoveryKey: boolean; onRecoveryHandled(): void }) {
  return (
    <SandboxProvider>
      <ShellLayout {...props} />
    </SandboxProvider>
  );
}

function ShellLayout(props: { unlockedWithRecoveryKey: boolean; onRecoveryHandled(): void }) {
  const t = useT();
  const { status } = useVault();
  const [route, navigate] = useHashRoute();
  const [collapsed, setCollapsed] = useState(false);
  useNotices();
  const current = screenRegistry[route.screen];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={208}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div style={{ padding: collapsed ? '18px 0' : '18px 20px', display: 'flex', justifyContent: collapsed ? 'center' : 'flex-start' }}>
          <BrandMark inverted compact={collapsed} />
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[route.screen]}
          onClick={({ key }) => navigate(key as typeof route.screen)}
          items={screenIds.map((id) => ({
            key: id,
            icon: screenRegistry[id].icon,
            label: <span data-testid={`nav-${id}`}>{t(screenRegistry[id].title)}</span>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <ShellHeader title={t(current.title)} />
        {!status.recoveryConfirmed && <RecoveryBanner onConfirm={() => navigate('settings', 'security')} />}
        <Layout.Content style={{ padding: 24 }}>
          {/* 报表 (ECharts) is loaded when first opened; every other screen is in the main bundle. */}
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <current.Component key={route.screen} />
          </Suspense>
        </Layout.Content>
      </Layout>
      <AfterRecoveryModal open={props.unlockedWithRecoveryKey} onClose={props.onRecoveryHandled} />
    </Layout>
  );
}
