import type { backup as zh } from '../zh-CN/backup.js';

export const backup: Record<keyof typeof zh, string> = {
  'backup.tab': 'Backup & restore',
};
