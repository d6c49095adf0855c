import type { reports as zh } from '../zh-CN/reports.js';

export const reports: Record<keyof typeof zh, string> = {
  'reports.title': 'Reports',
};
