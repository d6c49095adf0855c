import { method } from '../define.js';
import { z } from 'zod';

/** Filled by the alerts work. */
export const alertsMethods = {
  'alerts.placeholder': method({ summary: 'placeholder', input: z.object({}), output: z.object({}) }),
};
