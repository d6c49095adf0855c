import type { audit as zh } from '../zh-CN/audit.js';

export const audit: Record<keyof typeof zh, string> = {
  'audit.placeholder': '',
};
