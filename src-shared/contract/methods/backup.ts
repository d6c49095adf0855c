import { method } from '../define.js';
import { z } from 'zod';

/** Filled by the backup work. */
export const backupMethods = {
  'backup.placeholder': method({ summary: 'placeholder', input: z.object({}), output: z.object({}) }),
};
