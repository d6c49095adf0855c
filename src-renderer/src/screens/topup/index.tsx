import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { AttemptsTab } from './attempts/AttemptsTab.js';
import { PortalsTab } from './portals/PortalsTab.js';
import { RestockTab } from './restock/RestockTab.js';
import { SuppliersTab } from './suppliers/SuppliersTab.js';

const tabs: { key: string; label: MessageKey; render: () => ReactNode }[] = [
  { key: 'attempts', label: 'topup.tab.attempts', render: () => <AttemptsTab /> },
  { key: 'suppliers', label: 'topup.tab.suppliers', render: () => <SuppliersTab /> },
  { key: 'portals', label: 'topup.tab.portals', render: () => <PortalsTab /> },
  { key: 'restock', label: 'topup.tab.restock', render: () => <RestockTab /> },
];

/**
 * 代充: every top-up attempt with its evidence, the suppliers and membership-site accounts that do the
 * top-ups, and auto-restock. The tab is in the address (`#/topup/portals`) so 售后 can link to it.
 */
export default function TopupScreen() {
  const t = useT();
  const [route, navigate] = useHashRoute();
  const active = tabs.some((s) => s.key === route.section) ? route.section! : tabs[0]!.key;
  return (
    <ScreenPage id="topup" wide>
      <Card variant="borderless">
        <Tabs
          activeKey={active}
          onChange={(key) => navigate('topup', key)}
          destroyOnHidden
          items={tabs.map((s) => ({
            key: s.key,
            label: <span data-testid={`topup-tab-${s.key}`}>{t(s.label)}</span>,
            children: s.render(),
          }))}
        />
      </Card>
    </ScreenPage>
  );
}
