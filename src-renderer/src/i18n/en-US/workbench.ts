import type { workbench as zh } from '../zh-CN/workbench.js';

export const workbench: Record<keyof typeof zh, string> = {
  'workbench.today': 'Today',
};
