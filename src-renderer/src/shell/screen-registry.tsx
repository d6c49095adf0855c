import {
  AlertOutlined, BarChartOutlined, CustomerServiceOutlined, DashboardOutlined, DatabaseOutlined,
  SettingOutlined, ShoppingCartOutlined, ThunderboltOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/index.js';
import AftersalesScreen from '../screens/aftersales/index.js';
import HomeScreen from '../screens/home/index.js';
import InventoryScreen from '../screens/inventory/index.js';
import OrdersScreen from '../screens/orders/index.js';
import RiskScreen from '../screens/risk/index.js';
import SettingsScreen from '../screens/settings/index.js';
import TopupScreen from '../screens/topup/index.js';
import type { ScreenId } from './screens.js';

// The charts library is most of a megabyte: only the reports screen needs it, so it loads with that screen.
const ReportsScreen = lazy(() => import('../screens/reports/index.js'));

export interface ScreenEntry {
  title: MessageKey;
  icon: ReactNode;
  Component: ComponentType;
}

/** Menu label, icon and component of each screen; the menu order is `screenIds`. */
export const screenRegistry: Record<ScreenId, ScreenEntry> = {
  home: { title: 'nav.home', icon: <DashboardOutlined />, Component: HomeScreen },
  inventory: { title: 'nav.inventory', icon: <DatabaseOutlined />, Component: InventoryScreen },
  orders: { title: 'nav.orders', icon: <ShoppingCartOutlined />, Component: OrdersScreen },
  topup: { title: 'nav.topup', icon: <ThunderboltOutlined />, Component: TopupScreen },
  aftersales: { title: 'nav.aftersales', icon: <CustomerServiceOutlined />, Component: AftersalesScreen },
  risk: { title: 'nav.risk', icon: <AlertOutlined />, Component: RiskScreen },
  reports: { title: 'nav.reports', icon: <BarChartOutlined />, Component: ReportsScreen },
  settings: { title: 'nav.settings', icon: <SettingOutlined />, Component: SettingsScreen },
};
