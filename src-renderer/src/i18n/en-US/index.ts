import type { MessageKey } from '../zh-CN/index.js';
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

export const enUS: Record<MessageKey, string> = { ...common, ...onboarding, ...screens, ...settings, ...inventory, ...imports, ...sync, ...shops, ...orders, ...topup, ...aftersales, ...risk, ...riskRules, ...alerts, ...backup, ...audit };
