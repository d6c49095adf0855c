import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { QualityTab } from './QualityTab.js';
import { ProblemQueue } from './queue/ProblemQueue.js';
import { RedemptionTab } from './RedemptionTab.js';

const tabs: { key: string; label: MessageKey; render: () => ReactNode }[] = [
  { key: 'queue', label: 'aftersales.tab.queue', render: () => <ProblemQueue /> },
  { key: 'redemption', label: 'aftersales.tab.redemption', render: () => <RedemptionTab /> },
  { key: 'quality', label: 'aftersales.tab.quality', render: () => <QualityTab /> },
];

/**
 * 售后: one queue of everything that went wrong after payment with its one-click fixes, the redemption
 * checks, and batch quality. Nothing open is good news, so the empty queue reads as such.
 */
export default function AftersalesScreen() {
  const t = useT();
  const [route, navigate] = useHashRoute();
  const active = tabs.some((s) => s.key === route.section) ? route.section! : tabs[0]!.key;
  return (
    <ScreenPage id="aftersales" wide>
      <Card variant="borderless">
        <Tabs
          activeKey={active}
          onChange={(key) => navigate('aftersales', key)}
          destroyOnHidden
          items={tabs.map((s) => ({
            key: s.key,
            label: <span data-testid={`aftersales-tab-${s.key}`}>{t(s.label)}</span>,
            children: s.render(),
          }))}
        />
      </Card>
    </ScreenPage>
  );
}
