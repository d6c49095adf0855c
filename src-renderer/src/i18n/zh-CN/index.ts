import { aftersales } from './aftersales.js';
import { common } from './common.js';
import { imports } from './imports.js';
import { inventory } from './inventory.js';
import { onboarding } from './onboarding.js';
import { orders } from './orders.js';
import { screens } from './screens.js';
import { settings } from './settings.js';
import { shops } from './shops.js';
import { sync } from './sync.js';
import { topup } from './topup.js';
import { risk } from './risk.js';
import { riskRules } from './risk-rules.js';
import { alerts } from './alerts.js';
import { backup } from './backup.js';
import { audit } from './audit.js';
import { reports } from './reports.js';
import { workbench } from './workbench.js';

/** Chinese is the source language: its keys are the keys every other dictionary must fill. */
export const zhCN = { ...common, ...onboarding, ...screens, ...settings, ...inventory, ...imports, ...sync, ...shops, ...orders, ...topup, ...aftersales, ...risk, ...riskRules, ...alerts, ...backup, ...audit, ...reports, ...workbench };
export type MessageKey = keyof typeof zhCN;

export { common, onboarding, screens, settings, inventory, imports, sync, shops, orders, topup, aftersales, risk, riskRules, alerts, backup, audit, reports, workbench };
