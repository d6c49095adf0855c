import { z } from 'zod';
import { method } from '../define.js';

export const platform = z.enum(['taobao', 'pdd', 'doudian', 'youzan', 'weidian', 'site']);
export type PlatformName = z.infer<typeof platform>;

/** Chinese names, shared by the UI and CLI output. */
export const PLATFORM_TITLES: Record<PlatformName, string> = {
  taobao: '淘宝/天猫',
  pdd: '拼多多',
  doudian: '抖店',
  youzan: '有赞',
  weidian: '微店',
  site: '独立站',
};

export const shopStatus = z.enum(['active', 'paused', 'needs_auth', 'error']);
export type ShopStatus = z.infer<typeof shopStatus>;

export const shop = z.object({
  id: z.number().int(),
  platform,
  name: z.string(),
  status: shopStatus,
  /** Loopback sandbox shop (demo / tests), never a real one. */
  sandbox: z.boolean(),
  /** Masked app key, e.g. `2160****18`: credentials never cross the boundary in clear. */
  appKeyMasked: z.string(),
  endpoint: z.string().nullable(),
  pollSeconds: z.number().int(),
  /** Orders read up to here (epoch ms). */
  cursorAt: z.number().int().nullable(),
  lastPollAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** Polling waits until then (platform ban / back-off). */
  backoffUntil: z.number().int().nullable(),
  /** Path the platform pushes to on the server host (`/push/<platform>/<id>`), where push exists. */
  pushPath: z.string().nullable(),
  createdAt: z.number().int(),
});
export type Shop = z.infer<typeof shop>;

export const credentialField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  secret: z.boolean(),
  help: z.string().optional(),
});

const credentials = z.object({
  appKey: z.string().trim().min(1, '请填写 App Key').max(200),
  appSecret: z.string().trim().min(1, '请填写 App Secret').max(500),
  accessToken: z.string().trim().max(2000).optional(),
  refreshToken: z.string().trim().max(2000).optional(),
  shopRef: z.string().trim().max(200).optional(),
  endpoint: z
    .string()
    .trim()
    .max(500)
    .refine((v) => /^https?:\/\//.test(v), '接口地址必须以 http:// 或 https:// 开头')
    .optional(),
});

export const shopInput = z.object({
  platform,
  name: z.string().trim().min(1, '请填写店铺名称').max(60, '店铺名称最多 60 个字符'),
  credentials,
  pollSeconds: z.number().int().min(5, '轮询间隔至少 5 秒').max(3600, '轮询间隔最多 1 小时').default(30),
  /** How far back the first read goes (hours), bounded by the platform's history limit. */
  catchUpHours: z.number().int().min(0).max(24 * 90).default(24),
});
export type ShopInput = z.input<typeof shopInput>;

export const shopMethods = {
  'shops.platforms': method({
    summary: '支持的平台及各自需要填写的授权信息',
    input: z.object({}),
    output: z.array(z.object({ platform, title: z.string(), fields: z.array(credentialField), push: z.boolean() })),
    unlocked: false,
  }),
  'shops.list': method({ summary: '店铺列表', input: z.object({}), output: z.array(shop) }),
  'shops.add': method({
    summary: '添加店铺（授权信息加密保存）',
    input: shopInput,
    output: shop,
  }),
  'shops.update': method({
    summary: '修改店铺名称、轮询间隔，或重新填写授权',
    input: z.object({
      id: z.number().int(),
      name: z.string().trim().min(1).max(60).optional(),
      pollSeconds: z.number().int().min(5).max(3600).optional(),
      credentials: credentials.partial().optional(),
    }),
    output: shop,
  }),
  'shops.setPaused': method({
    summary: '暂停或恢复店铺的订单拉取与发货',
    input: z.object({ id: z.number().int(), paused: z.boolean() }),
    output: shop,
  }),
  'shops.test': method({
    summary: '测试连接：用保存的授权调用一次平台接口',
    input: z.object({ id: z.number().int() }),
    output: z.object({ ok: z.boolean(), message: z.string(), shopName: z.string().optional(), ms: z.number().int() }),
  }),
  'shops.syncNow': method({
    summary: '立即拉取该店铺的新订单',
    input: z.object({ id: z.number().int() }),
    output: z.object({ orders: z.number().int(), lines: z.number().int() }),
  }),
};
