// 代充: suppliers (福禄-style APIs), membership-portal accounts driven by RPA, how each product is supplied
// (直充 route, recharge-account rule, redemption check, auto-restock), and the top-up attempts themselves.
import { z } from 'zod';
import { fen, method } from '../define.js';
import { ACCOUNT_RULES } from '../../recharge-account.js';
import { credentialField } from './shops.js';

export const supplierStatus = z.enum(['active', 'paused', 'needs_auth', 'error']);

export const supplier = z.object({
  id: z.number().int(),
  kind: z.enum(['fulu']),
  name: z.string(),
  status: supplierStatus,
  sandbox: z.boolean(),
  appKeyMasked: z.string(),
  endpoint: z.string().nullable(),
  /** Last balance read from the supplier (分) and when. */
  balanceFen: z.number().int().nullable(),
  balanceAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
});
export type Supplier = z.infer<typeof supplier>;

const httpUrl = z.string().trim().max(500).refine((v) => /^https?:\/\//.test(v), '地址必须以 http:// 或 https:// 开头');

const supplierCredentials = z.object({
  appKey: z.string().trim().min(1, '请填写 AppKey').max(200),
  appSecret: z.string().trim().min(1, '请填写 AppSecret').max(500),
  appAuthToken: z.string().trim().max(500).optional(),
  endpoint: httpUrl.optional(),
});

export const supplierInput = z.object({
  kind: z.enum(['fulu']).default('fulu'),
  name: z.string().trim().min(1, '请填写供应商名称').max(60, '供应商名称最多 60 个字符'),
  credentials: supplierCredentials,
});

export const supplierGoods = z.object({
  productId: z.string(),
  name: z.string(),
  priceFen: z.number().int(),
  kind: z.enum(['direct', 'card']),
  faceValueFen: z.number().int().nullable(),
  onSale: z.boolean(),
});

export const portalAccount = z.object({
  id: z.number().int(),
  portal: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  username: z.string(),
  status: z.enum(['active', 'paused', 'needs_human']),
  lastError: z.string().nullable(),
  /** Jobs waiting for this account (paused ones included). */
  waiting: z.number().int(),
  createdAt: z.number().int(),
});
export type PortalAccountView = z.infer<typeof portalAccount>;

export const portalInput = z.object({
  portal: z.string().trim().min(1).max(40).default('video-portal'),
  name: z.string().trim().min(1, '请填写账号名称').max(60),
  baseUrl: httpUrl,
  username: z.string().trim().min(1, '请填写登录账号').max(100),
  password: z.string().min(1, '请填写登录密码').max(200),
});

export const accountRule = z.enum(ACCOUNT_RULES);

/** How a product is supplied beyond imported keys. */
export const productSupply = z.object({
  productId: z.number().int(),
  route: z.enum(['supplier', 'rpa']),
  supplierId: z.number().int().nullable(),
  supplierProductId: z.string().trim().max(100).nullable(),
  portalAccountId: z.number().int().nullable(),
  packageId: z.string().trim().max(100).nullable(),
  accountRule: accountRule,
  accountRegex: z.string().max(200).nullable(),
  checkBeforeDelivery: z.boolean(),
  remindAfterDays: z.number().int().min(1).max(365).nullable(),
});
export type ProductSupply = z.infer<typeof productSupply>;

export const topupState = z.enum(['intent', 'processing', 'success', 'disputed', 'failed_refunded', 'failed_not_refunded', 'failed', 'paused']);
export const TOPUP_STATE_TITLES: Record<z.infer<typeof topupState>, string> = {
  intent: '准备提交',
  processing: '充值处理中',
  success: '充值成功',
  disputed: '成功（有争议）',
  failed_refunded: '失败，已退款',
  failed_not_refunded: '失败，供应商未退款',
  failed: '失败',
  paused: '等待人工接管',
};

export const topupAttempt = z.object({
  id: z.number().int(),
  lineId: z.number().int(),
  orderId: z.number().int(),
  platformOrderId: z.string(),
  shopName: z.string(),
  productName: z.string().nullable(),
  attemptNo: z.number().int(),
  route: z.enum(['supplier', 'rpa']),
  /** Supplier name or portal account name. */
  via: z.string(),
  accountMasked: z.string(),
  state: topupState,
  customerOrderNo: z.string(),
  supplierOrderId: z.string().nullable(),
  portalOrderNo: z.string().nullable(),
  costFen: z.number().int().nullable(),
  error: z.string().nullable(),
  /** Screenshots kept for an RPA attempt (step titles), trace present on failure. */
  evidence: z.array(z.object({ file: z.string(), title: z.string(), ok: z.boolean() })),
  hasTrace: z.boolean(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type TopupAttempt = z.infer<typeof topupAttempt>;

export const restockRule = z.object({
  productId: z.number().int(),
  supplierId: z.number().int(),
  supplierProductId: z.string().trim().min(1, '请填写供应商商品编号').max(100),
  threshold: z.number().int().min(0, '补货阈值不能为负数').max(1_000_000),
  buyCount: z.number().int().min(1, '每次至少买 1 张').max(10_000, '每次最多买 10000 张'),
  dailyBudgetFen: fen,
  enabled: z.boolean().default(true),
});

export const restockPurchase = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  supplierName: z.string(),
  count: z.number().int(),
  unitCostFen: z.number().int(),
  totalFen: z.number().int(),
  state: z.enum(['intent', 'processing', 'success', 'failed']),
  batchId: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.number().int(),
});

export const topupMethods = {
  'suppliers.kinds': method({
    summary: '支持的供应商接口及需要填写的授权信息',
    input: z.object({}),
    output: z.array(z.object({ kind: z.enum(['fulu']), title: z.string(), fields: z.array(credentialField) })),
    unlocked: false,
  }),
  'suppliers.list': method({ summary: '供应商列表（含余额）', input: z.object({}), output: z.array(supplier) }),
  'suppliers.add': method({ summary: '添加供应商（授权加密保存，先查一次余额验证）', input: supplierInput, output: supplier }),
  'suppliers.update': method({
    summary: '修改供应商名称或授权、暂停/恢复',
    input: z.object({ id: z.number().int(), name: z.string().trim().min(1).max(60).optional(), credentials: supplierCredentials.partial().optional(), paused: z.boolean().optional() }),
    output: supplier,
  }),
  'suppliers.refreshBalance': method({ summary: '向供应商查询余额', input: z.object({ id: z.number().int() }), output: supplier }),
  'suppliers.goods': method({
    summary: '查询供应商商品（名称、进价、是否在售）',
    input: z.object({ id: z.number().int(), supplierProductId: z.string().trim().min(1, '请填写供应商商品编号').max(100) }),
    output: supplierGoods,
  }),
  'portals.list': method({ summary: '充值网站账号（RPA）', input: z.object({}), output: z.array(portalAccount) }),
  'portals.add': method({ summary: '添加充值网站账号（密码加密保存）', input: portalInput, output: portalAccount }),
  'portals.takeOver': method({
    summary: '在可见的浏览器里打开该账号，由店主处理验证码或登录；关闭窗口后自动继续',
    input: z.object({ id: z.number().int() }),
    output: z.object({ opened: z.boolean(), message: z.string() }),
  }),
  'portals.resume': method({ summary: '店主处理完后继续该账号暂停的充值', input: z.object({ id: z.number().int() }), output: z.object({ resumed: z.number().int() }) }),
  'supply.get': method({ summary: '商品的供货设置（直充方式、账号规则、核销检查）', input: z.object({ productId: z.number().int() }), output: productSupply.nullable() }),
  'supply.set': method({
    summary: '保存商品的供货设置',
    input: productSupply.extend({
      supplierProductId: z.string().trim().max(100).nullable().default(null),
      supplierId: z.number().int().nullable().default(null),
      portalAccountId: z.number().int().nullable().default(null),
      packageId: z.string().trim().max(100).nullable().default(null),
      accountRegex: z.string().max(200).nullable().default(null),
      checkBeforeDelivery: z.boolean().default(false),
      remindAfterDays: z.number().int().min(1).max(365).nullable().default(null),
    }),
    output: productSupply,
  }),
  'topup.list': method({
    summary: '代充记录（每次尝试一条，含证据截图）',
    input: z.object({ lineId: z.number().int().optional(), state: topupState.optional(), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ attempts: z.array(topupAttempt), counts: z.record(z.string(), z.number().int()) }),
  }),
  'topup.evidenceImage': method({
    summary: '一张证据截图（PNG，base64）',
    input: z.object({ attemptId: z.number().int(), file: z.string().regex(/^[\w./-]+\.png$/, '文件名不对') }),
    output: z.object({ base64: z.string() }),
  }),
  'topup.setAccount': method({
    summary: '店主代填充值账号（买家在聊天里补充后），然后自动充值',
    input: z.object({ lineId: z.number().int(), account: z.string().trim().min(1, '请填写充值账号').max(100), reason: z.string().trim().max(200).default('') }),
    output: z.object({ status: z.string() }),
  }),
  'topup.retry': method({
    summary: '重试充值：先向供应商/网站核对上次是否已充上，确认没有才重新提交',
    input: z.object({ lineId: z.number().int(), reason: z.string().trim().max(200).default('') }),
    output: z.object({ status: z.string(), message: z.string() }),
  }),
  'restock.list': method({
    summary: '自动补货规则与最近的采购',
    input: z.object({}),
    output: z.object({ rules: z.array(restockRule.extend({ productName: z.string(), lastRunAt: z.number().int().nullable(), lastError: z.string().nullable(), spentTodayFen: z.number().int() })), purchases: z.array(restockPurchase) }),
  }),
  'restock.set': method({ summary: '保存商品的自动补货规则', input: restockRule, output: z.object({ ok: z.boolean() }) }),
  'restock.remove': method({ summary: '删除商品的自动补货规则', input: z.object({ productId: z.number().int() }), output: z.object({ ok: z.boolean() }) }),
  'restock.runNow': method({
    summary: '立即检查库存并按规则补货',
    input: z.object({ productId: z.number().int().optional() }),
    output: z.object({ purchases: z.number().int(), message: z.string() }),
  }),
};
