import { z } from 'zod';
import { method } from '../define.js';

// 报表 and 工作台. Money in integer 分; days are Beijing (Asia/Shanghai) calendar days written
// `YYYY-MM-DD`, both ends included: every report is a sum of whole days.

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const dayText = z.string().regex(DAY_PATTERN, '日期格式应为 2026-05-01');
const id = z.number().int().min(1);
const platform = z.enum(['taobao', 'pdd', 'doudian', 'youzan', 'weidian', 'site']);

/** What every report is narrowed by. No shop / platform / product = all of them. */
const filterShape = {
  from: dayText,
  to: dayText,
  platforms: z.array(platform).max(6).optional(),
  shopIds: z.array(id).max(200).optional(),
  productIds: z.array(id).max(500).optional(),
};

type RangeFields = { from: string; to: string };
function checkRange(v: RangeFields, ctx: z.RefinementCtx): void {
  // A badly written date already has its format message; «不存在» and the order check would only add noise.
  if (![v.from, v.to].every((d) => DAY_PATTERN.test(d))) return;
  const valid = (d: string) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  };
  if (!valid(v.from)) ctx.addIssue({ code: 'custom', message: `开始日期「${v.from}」不存在`, path: ['from'] });
  if (!valid(v.to)) ctx.addIssue({ code: 'custom', message: `结束日期「${v.to}」不存在`, path: ['to'] });
  if (v.from > v.to) ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期', path: ['to'] });
  else if (Date.parse(v.to) - Date.parse(v.from) > 3 * 366 * 86_400_000) ctx.addIssue({ code: 'custom', message: '一次最多查询 3 年', path: ['to'] });
}

export const reportFilter = z.object(filterShape).superRefine(checkRange);
export type ReportFilter = z.infer<typeof reportFilter>;

/** The money of a group of lines. profit = revenue − refund − cost − fee. */
const money = {
  revenueFen: z.number().int(),
  refundFen: z.number().int(),
  costFen: z.number().int(),
  feeFen: z.number().int(),
  profitFen: z.number().int(),
};
export const moneyFigures = z.object(money);
export type MoneyFigures = z.infer<typeof moneyFigures>;

// ── 工作台 ────────────────────────────────────────────────────────────────────────────────────────

const periodFigures = z.object({
  orders: z.number().int(),
  lines: z.number().int(),
  revenueFen: z.number().int(),
  /** Gross profit: revenue − refund − cost of keys / top-ups − platform fee. */
  profitFen: z.number().int(),
  delivered: z.number().int(),
  /** Lines that should have gone out: delivered + failed + waiting (refunded before delivery excluded). */
  due: z.number().int(),
  /** delivered / due, null when nothing was due. */
  successRate: z.number().min(0).max(1).nullable(),
  /** Median time from payment to delivery over the delivered lines, null when none. */
  medianDeliveryMs: z.number().int().nullable(),
});
export type PeriodFigures = z.infer<typeof periodFigures>;

const recentDelivery = z.object({
  lineId: z.number().int(),
  orderId: z.number().int(),
  platformOrderId: z.string(),
  shopName: z.string(),
  platform,
  productName: z.string(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  buyerMasked: z.string(),
  paidAt: z.number().int(),
  deliveredAt: z.number().int(),
});
export type RecentDelivery = z.infer<typeof recentDelivery>;

export const workbench = z.object({
  /** Beijing today and this week (Monday first), as `YYYY-MM-DD` ranges. */
  today: z.object({ from: dayText, to: dayText, figures: periodFigures }),
  week: z.object({ from: dayText, to: dayText, figures: periodFigures }),
  problems: z.object({
    afterSales: z.number().int(),
    riskHolds: z.number().int(),
    outOfStock: z.number().int(),
    /** Shops whose last pull failed or that need re-authorising, plus cloud sheets whose last check failed. */
    failedSyncs: z.number().int(),
  }),
  recentDeliveries: z.array(recentDelivery),
  /** Lines still waiting to be counted (the ledger catches up in the background). */
  pending: z.number().int(),
});
export type Workbench = z.infer<typeof workbench>;

// ── Reports ───────────────────────────────────────────────────────────────────────────────────────

const hotProduct = z.object({
  productId: z.number().int(),
  productName: z.string(),
  units: z.number().int(),
  lines: z.number().int(),
  ...money,
});
export type HotProduct = z.infer<typeof hotProduct>;

const profitRow = z.object({
  /** `YYYY-MM-DD`, product id or shop id as text. */
  key: z.string(),
  label: z.string(),
  lines: z.number().int(),
  units: z.number().int(),
  ...money,
});
export type ProfitRow = z.infer<typeof profitRow>;

const sourceRow = z.object({
  key: z.string(),
  label: z.string(),
  platform: platform.optional(),
  orders: z.number().int(),
  /** Distinct buyers (cross-shop identity) with an order in the range; orders without identity not counted. */
  buyers: z.number().int(),
  newBuyers: z.number().int(),
  returningBuyers: z.number().int(),
  revenueFen: z.number().int(),
  newRevenueFen: z.number().int(),
  returningRevenueFen: z.number().int(),
});
export type SourceRow = z.infer<typeof sourceRow>;

const regionRow = z.object({ region: z.string(), orders: z.number().int(), revenueFen: z.number().int() });

const productTurnover = z.object({
  productId: z.number().int(),
  productName: z.string(),
  /** Keys on hand; for a combo, the complete sets its components' keys make. */
  available: z.number().int(),
  /**
   * Keys sent in the range (shop / platform filters apply), and per day of `rangeDays`. A card product
   * counts its share of the combos it is part of; a combo counts sets.
   */
  sold: z.number().int(),
  dailyRate: z.number(),
  /** available ÷ daily rate; null when nothing sold in the range. */
  daysLeft: z.number().nullable(),
  /** Keys sent in the range ÷ keys on hand (available + sent): how often the stock turned. */
  turnover: z.number(),
});
export type ProductTurnover = z.infer<typeof productTurnover>;

const batchTurnover = z.object({
  batchId: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  supplier: z.string(),
  purchasedAt: z.number().int(),
  unitCostFen: z.number().int(),
  total: z.number().int(),
  available: z.number().int(),
  sent: z.number().int(),
  /** sent ÷ total. */
  sellThrough: z.number(),
  daysOnShelf: z.number().int(),
  /** Keys sent from this batch ÷ days on the shelf (at least 1): a key does not record when it was sent. */
  dailyRate: z.number(),
  daysLeft: z.number().nullable(),
});
export type BatchTurnover = z.infer<typeof batchTurnover>;

const expiring = z.object({
  productId: z.number().int(),
  productName: z.string(),
  batchId: z.number().int(),
  supplier: z.string(),
  keys: z.number().int(),
  costFen: z.number().int(),
  firstExpiresAt: z.number().int(),
  /** 7 = within the next 7 days, 30 = within 8–30 days. */
  within: z.union([z.literal(7), z.literal(30)]),
});
export type ExpiringStock = z.infer<typeof expiring>;

const supplierQualityRow = z.object({
  supplier: z.string(),
  batches: z.number().int(),
  delivered: z.number().int(),
  claims: z.number().int(),
  replaced: z.number().int(),
  claimRate: z.number(),
  replaceRate: z.number(),
});
const batchQualityRow = supplierQualityRow.omit({ batches: true }).extend({
  batchId: z.number().int(),
  productName: z.string(),
  purchasedAt: z.number().int(),
});

export const reportOutputs = {
  hot: z.object({ rows: z.array(hotProduct), totals: z.object({ units: z.number().int(), lines: z.number().int(), ...money }) }),
  profit: z.object({ groupBy: z.enum(['day', 'product', 'shop']), rows: z.array(profitRow), totals: z.object({ lines: z.number().int(), units: z.number().int(), ...money }) }),
  customers: z.object({
    totals: sourceRow.omit({ key: true, label: true, platform: true }),
    byPlatform: z.array(sourceRow),
    byShop: z.array(sourceRow),
    /** Per day: new and returning buyers (for the trend chart). */
    byDay: z.array(z.object({ day: dayText, newBuyers: z.number().int(), returningOrders: z.number().int(), orders: z.number().int() })),
    byRegion: z.array(regionRow),
    /** Orders with no region, so the screen can say the platform does not give one. */
    withoutRegion: z.number().int(),
  }),
  /**
   * Products on sale (card / combo); batches still holding keys or bought in the range; suppliers left
   * empty read 未填写供应商. `rangeDays`: the days the rate is over (the range cut at today, at least 1).
   */
  inventory: z.object({ products: z.array(productTurnover), batches: z.array(batchTurnover), expiring: z.array(expiring), rangeDays: z.number().int() }),
  /** Batches bought in the range, worst first (claim rate, then replace rate); supplier '' reads 未填写供应商. */
  suppliers: z.object({ suppliers: z.array(supplierQualityRow), batches: z.array(batchQualityRow) }),
};
export type HotReport = z.infer<typeof reportOutputs.hot>;
export type ProfitReport = z.infer<typeof reportOutputs.profit>;
export type CustomerReport = z.infer<typeof reportOutputs.customers>;
export type InventoryReport = z.infer<typeof reportOutputs.inventory>;
export type SupplierReport = z.infer<typeof reportOutputs.suppliers>;

/** Every report by name: the CLI (`keydesk report <name>`), export and the screen's tabs use these. */
export const reportName = z.enum(['hot', 'profit', 'customers', 'inventory', 'suppliers', 'statement']);
export type ReportName = z.infer<typeof reportName>;

const feeRate = z.object({ shopId: z.number().int(), shopName: z.string(), platform, rateBp: z.number().int().min(0).max(10_000) });
export type ShopFeeRate = z.infer<typeof feeRate>;

export const reportsMethods = {
  'reports.workbench': method({
    summary: '工作台：今天和本周的订单、营业额、毛利、发货成功率、发货用时中位数，待处理的问题，最近发货',
    input: z.object({}),
    output: workbench,
  }),
  'reports.hot': method({
    summary: '热销商品排行（数量、营业额、利润）',
    input: z.object({ ...filterShape, sortBy: z.enum(['units', 'revenue', 'profit']).default('revenue'), limit: z.number().int().min(1).max(500).default(50) }).superRefine(checkRange),
    output: reportOutputs.hot,
  }),
  'reports.profit': method({
    summary: '利润分析：售价 − 实际发出卡密的批次成本 − 平台费 − 退款，按天 / 商品 / 店铺',
    input: z.object({ ...filterShape, groupBy: z.enum(['day', 'product', 'shop']).default('day') }).superRefine(checkRange),
    output: reportOutputs.profit,
  }),
  'reports.customers': method({
    summary: '客户来源：按平台和店铺，新客与回头客（跨店识别同一买家），地区（平台提供时）',
    input: z.object(filterShape).superRefine(checkRange),
    output: reportOutputs.customers,
  }),
  'reports.inventory': method({
    summary: '库存周转：按当前出货速度还能卖几天，商品和批次的周转，7 / 30 天内过期的卡密及成本',
    input: z.object(filterShape).superRefine(checkRange),
    output: reportOutputs.inventory,
  }),
  'reports.suppliers': method({
    summary: '供应商质量：每个供应商和批次的坏卡索赔率与换卡率',
    input: z.object(filterShape).superRefine(checkRange),
    output: reportOutputs.suppliers,
  }),
  'reports.export': method({
    summary: '把一张报表或对账单（每一行、平台订单号、卡密打码、成本、售价、平台费、状态）导出为 Excel',
    input: z.object({ ...filterShape, name: reportName, groupBy: z.enum(['day', 'product', 'shop']).optional() }).superRefine(checkRange),
    output: z.object({ downloadId: z.string(), fileName: z.string(), rows: z.number().int() }),
  }),
  'reports.feeRates': method({
    summary: '每个店铺的平台费率（万分比），利润报表按它扣平台费',
    input: z.object({}),
    output: z.array(feeRate),
  }),
  'reports.setFeeRate': method({
    summary: '设置店铺的平台费率；历史报表按新费率重算，写入审计',
    input: z.object({ shopId: id, rateBp: z.number().int('费率须为整数（万分之一）').min(0, '费率不能为负').max(3000, '费率不能超过 30%') }),
    output: feeRate,
  }),
  'reports.status': method({
    summary: '报表底账是否已跟上：还有多少订单行待计算',
    input: z.object({}),
    output: z.object({ pending: z.number().int(), lines: z.number().int() }),
  }),
  'reports.rebuild': method({
    summary: '从订单、卡密和代充记录重新计算全部报表底账（写入审计）',
    input: z.object({}),
    output: z.object({ lines: z.number().int(), ms: z.number().int() }),
  }),
};
