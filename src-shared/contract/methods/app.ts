import { z } from 'zod';
import { method } from '../define.js';

export const language = z.enum(['zh-CN', 'en-US']);
export type Language = z.infer<typeof language>;

export const settings = z.object({
  language,
});
export type Settings = z.infer<typeof settings>;

export const appMethods = {
  'app.info': method({
    summary: '应用版本、数据目录、运行方式',
    unlocked: false,
    input: z.object({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      host: z.enum(['electron', 'server', 'cli']),
      sandbox: z.boolean(),
    }),
  }),
  'settings.get': method({
    summary: '读取界面设置（语言）',
    unlocked: false,
    input: z.object({}),
    output: settings,
  }),
  'settings.update': method({
    summary: '修改界面设置',
    unlocked: false,
    input: settings.partial(),
    output: settings,
  }),
};
