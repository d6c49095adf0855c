import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { AboutSection } from './AboutSection.js';
import { AlertsSection } from './alerts/index.js';
import { AuditSection } from './AuditSection.js';
import { BackupSection } from './backup/index.js';
import { LanguageSection } from './LanguageSection.js';
import { SandboxSection } from './SandboxSection.js';
import { SecuritySection } from './SecuritySection.js';
import { ShopsSection } from './ShopsSection.js';

const sections: { key: string; label: MessageKey; render: () => ReactNode }[] = [
  { key: 'shops', label: 'settings.tab.shops', render: () => <ShopsSection /> },
  { key: 'language', label: 'settings.tab.language', render: () => <LanguageSection /> },
  { key: 'security', label: 'settings.tab.security', render: () => <SecuritySection /> },
  { key: 'alerts', label: 'alerts.tab', render: () => <AlertsSection /> },
  { key: 'backup', label: 'backup.tab', render: () => <BackupSection /> },
  { key: 'audit', label: 'settings.tab.audit', render: () => <AuditSection /> },
  { key: 'sandbox', label: 'settings.tab.sandbox', render: () => <SandboxSection /> },
  { key: 'about', label: 'settings.tab.about', render: () => <AboutSection /> },
];

/** 设置: one tab per concern; the tab is in the address (`#/settings/audit`) so links can point at it. */
export default function SettingsScreen() {
  const t = useT();
  const [route, navigate] = useHashRoute();
  const active = sections.some((s) => s.key === route.section) ? route.section! : sections[0]!.key;
  return (
    <ScreenPage id="settings">
      <Card variant="borderless">
        <Tabs
          activeKey={active}
          onChange={(key) => navigate('settings', key)}
          destroyOnHidden
          items={sections.map((s) => ({
            key: s.key,
            label: <span data-testid={`settings-tab-${s.key}`}>{t(s.label)}</span>,
            children: s.render(),
          }))}
        />
      </Card>
    </ScreenPage>
  );
}
