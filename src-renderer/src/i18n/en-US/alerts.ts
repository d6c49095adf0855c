import type { alerts as zh } from '../zh-CN/alerts.js';

export const alerts: Record<keyof typeof zh, string> = {
  'alerts.tab': 'Alerts',
};
