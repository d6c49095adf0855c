import { PercentageOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Spin, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useCall } from '../../hooks/useCall.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import type { PieMetric } from './charts/customer-charts.js';
import type { HotMetric } from './charts/hot-chart.js';
import { ExportButton } from './ExportButton.js';
import { FeeRatesDrawer } from './FeeRatesDrawer.js';
import { FilterBar } from './FilterBar.js';
import { RebuildButton } from './RebuildButton.js';
import { defaultFilter, type ReportFilterValues } from './filters.js';
import { LoadError } from './LoadError.js';
import { CustomersTab } from './tabs/CustomersTab.js';
import { HotTab } from './tabs/HotTab.js';
import { InventoryTab } from './tabs/InventoryTab.js';
import { ProfitTab, type ProfitGroup } from './tabs/ProfitTab.js';
import { SuppliersTab } from './tabs/SuppliersTab.js';
import { useReloadOn, useReportsVersion } from './useReportsVersion.js';

type TabKey = 'hot' | 'profit' | 'customers' | 'inventory' | 'suppliers';
const TABS: TabKey[] = ['hot', 'profit', 'customers', 'inventory', 'suppliers'];
const TAB_TITLE: Record<TabKey, MessageKey> = {
  hot: 'reports.tab.hot',
  profit: 'reports.tab.profit',
  customers: 'reports.tab.customers',
  inventory: 'reports.tab.inventory',
  suppliers: 'reports.tab.suppliers',
};

/**
 * 报表: five reports over Beijing days, narrowed by one filter bar that every tab shares (and keeps
 * when switching tabs), each exportable to Excel, plus the 对账单 and the shops' platform fee rates.
 * The tab is in the address (`#/reports/profit`). Before the first sale, the steps that lead to one.
 */
export default function ReportsScreen() {
  const t = useT();
  const [route, navigate] = useHashRoute();
  const active = TABS.find((k) => k === route.section) ?? 'hot';
  const [filter, setFilter] = useState<ReportFilterValues>(() => defaultFilter(Date.now()));
  const [hotMetric, setHotMetric] = useState<HotMetric>('revenue');
  const [profitGroup, setProfitGroup] = useState<ProfitGroup>('day');
  const [pieMetric, setPieMetric] = useState<PieMetric>('orders');
  const [feesOpen, setFeesOpen] = useState(false);
  const [version, bump] = useReportsVersion();
  const status = useCall('reports.status', {});
  useReloadOn(version, status.reload);

  if (!status.data) {
    return (
      <ScreenPage id="reports" wide>
        {status.error !== undefined ? <LoadError error={status.error} retry={status.reload} testId="reports-status-error" /> : <Spin style={{ display: 'block', margin: '80px auto' }} />}
      </ScreenPage>
    );
  }
  // Nothing sold yet and nothing waiting to be counted: the steps that lead to the first report.
  if (status.data.lines === 0 && status.data.pending === 0) {
    return (
      <ScreenPage id="reports">
        <div data-testid="reports-empty">
          <ScreenEmpty
            title={t('reports.empty.title')}
            description={t('reports.empty.description')}
            steps={[
              { title: t('reports.step1.title'), content: t('reports.step1.content') },
              { title: t('reports.step2.title'), content: t('reports.step2.content') },
            ]}
          />
        </div>
      </ScreenPage>
    );
  }

  const tabs: Record<TabKey, () => ReactNode> = {
    hot: () => <HotTab filter={filter} version={version} metric={hotMetric} onMetric={setHotMetric} />,
    profit: () => <ProfitTab filter={filter} version={version} groupBy={profitGroup} onGroupBy={setProfitGroup} />,
    customers: () => <CustomersTab filter={filter} version={version} pieMetric={pieMetric} onPieMetric={setPieMetric} />,
    inventory: () => <InventoryTab filter={filter} version={version} />,
    suppliers: () => <SuppliersTab filter={filter} version={version} />,
  };

  return (
    <ScreenPage id="reports" wide>
      <Flex vertical gap={12}>
        <Card variant="borderless" size="small" styles={{ body: { padding: '12px 16px' } }}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <FilterBar value={filter} onChange={setFilter} />
            <Flex gap={8} align="center">
              {status.data.pending > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="reports-pending">
                  <SyncOutlined spin style={{ marginInlineEnd: 4 }} />
                  {t('reports.pending')}
                </Typography.Text>
              )}
              <Button icon={<PercentageOutlined />} onClick={() => setFeesOpen(true)} data-testid="reports-fee-rates">
                {t('reports.fee.button')}
              </Button>
              <ExportButton name="statement" filter={filter} />
            </Flex>
          </Flex>
        </Card>
        <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={active}
            onChange={(key) => navigate('reports', key)}
            destroyOnHidden
            tabBarExtraContent={<RebuildButton onDone={bump} />}
            items={TABS.map((key) => ({ key, label: <span data-testid={`reports-tab-${key}`}>{t(TAB_TITLE[key])}</span>, children: tabs[key]() }))}
          />
        </Card>
      </Flex>
      <FeeRatesDrawer open={feesOpen} onClose={() => setFeesOpen(false)} onSaved={bump} />
    </ScreenPage>
  );
}
