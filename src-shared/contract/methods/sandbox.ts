import { z } from 'zod';
import { method } from '../define.js';

export const sandboxStatus = z.object({
  running: z.boolean(),
  url: z.string().optional(),
  simulators: z.array(z.object({ name: z.string(), title: z.string() })),
  demoShop: z
    .object({ shopId: z.string(), name: z.string(), createdAt: z.number().int() })
    .optional(),
});
export type SandboxStatus = z.infer<typeof sandboxStatus>;

export const sandboxMethods = {
  'sandbox.status': method({
    summary: '沙箱（模拟平台）运行状态',
    input: z.object({}),
    output: sandboxStatus,
  }),
  'sandbox.openDemoShop': method({
    summary: '开启“试用沙箱店铺”：在模拟平台上创建一家演示店铺',
    input: z.object({ name: z.string().trim().min(1).max(40).default('我的试用店铺') }),
    output: sandboxStatus,
  }),
};
