import { Badge, Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useCall } from '../../hooks/useCall.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { ListsTab } from './lists/ListsTab.js';
import { HoldQueue } from './queue/HoldQueue.js';
import { RulesTab } from './rules/RulesTab.js';
import { RiskSettingsTab } from './settings/RiskSettingsTab.js';
import { StatsTab } from './stats/StatsTab.js';
import { useRiskChanged } from './useRiskEvents.js';

const tabs: { key: string; label: MessageKey; render: () => ReactNode }[] = [
  { key: 'queue', label: 'risk.tab.queue', render: () => <HoldQueue /> },
  { key: 'rules', label: 'risk.tab.rules', render: () => <RulesTab /> },
  { key: 'lists', label: 'risk.tab.lists', render: () => <ListsTab /> },
  { key: 'stats', label: 'risk.tab.stats', render: () => <StatsTab /> },
  { key: 'settings', label: 'risk.tab.settings', render: () => <RiskSettingsTab /> },
];

/**
 * 风控: the orders the rules held, waiting for the owner (with a count on the tab), the rules and their
 * backtest, the black and white lists, hit statistics and the verification settings. The tab is in
 * the address (`#/risk/rules`).
 */
export default function RiskScreen() {
  const t = useT();
  const [route, navigate] = useHashRoute();
  const active = tabs.some((s) => s.key === route.section) ? route.section! : tabs[0]!.key;
  const open = useCall('risk.holds.list', { status: 'open', limit: 1 });
  useRiskChanged(open.reload);
  const openCount = open.data?.open ?? 0;
  return (
    <ScreenPage id="risk" wide>
      <Card variant="borderless">
        <Tabs
          activeKey={active}
          onChange={(key) => navigate('risk', key)}
          destroyOnHidden
          items={tabs.map((s) => ({
            key: s.key,
            label: (
              <span data-testid={`risk-tab-${s.key}`}>
                {t(s.label)}
                {s.key === 'queue' && openCount > 0 && <Badge count={openCount} size="small" style={{ marginInlineStart: 6 }} data-testid="risk-open-badge" />}
              </span>
            ),
            children: s.render(),
          }))}
        />
      </Card>
    </ScreenPage>
  );
}
