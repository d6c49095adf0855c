import type { risk as zh } from '../zh-CN/risk.js';

export const risk: Record<keyof typeof zh, string> = {
  'risk.placeholder': '',
};
