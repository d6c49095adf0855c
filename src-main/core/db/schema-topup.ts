// Tables of 代充 (top-up), suppliers, RPA portal accounts, auto-restock, redemption (核销) and claims.
// Re-exported from schema.ts so drizzle-kit and the typed db see one schema.
import { sqliteTable, text, integer, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** 供应商: an upstream API account (福禄-style). Credentials sealed (AAD `supplier:<sealKey>`). */
export const suppliers = sqliteTable('suppliers', {
  id: integer('id').primaryKey(),
  kind: text('kind', { enum: ['fulu'] }).notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'paused', 'needs_auth', 'error'] }).notNull(),
  sandbox: integer('sandbox', { mode: 'boolean' }).notNull().default(false),
  credentialsSealed: blob('credentials_sealed', { mode: 'buffer' }).notNull(),
  sealKey: text('seal_key').notNull().unique(),
  appKeyMasked: text('app_key_masked').notNull(),
  endpoint: text('endpoint'),
  balanceFen: integer('balance_fen'),
  balanceAt: integer('balance_at'),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** 充值网站账号: the merchant's login on a membership portal, driven by RPA. Password sealed (AAD `portal:<sealKey>`). */
export const portalAccounts = sqliteTable('portal_accounts', {
  id: integer('id').primaryKey(),
  portal: text('portal').notNull(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  username: text('username').notNull(),
  credentialsSealed: blob('credentials_sealed', { mode: 'buffer' }).notNull(),
  sealKey: text('seal_key').notNull().unique(),
  status: text('status', { enum: ['active', 'paused', 'needs_human'] }).notNull(),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * How a product is supplied beyond imported keys: a 直充 product's route (supplier API or portal RPA) and
 * recharge-account rule; a card product's redemption check. One row per product, absent = not set up.
 */
export const productSupply = sqliteTable('product_supply', {
  productId: integer('product_id').primaryKey(),
  route: text('route', { enum: ['supplier', 'rpa'] }).notNull(),
  supplierId: integer('supplier_id').references(() => suppliers.id),
  supplierProductId: text('supplier_product_id'),
  portalAccountId: integer('portal_account_id').references(() => portalAccounts.id),
  packageId: text('package_id'),
  accountRule: text('account_rule', { enum: ['phone', 'qq', 'email', 'phone_or_qq', 'regex', 'any'] }).notNull().default('phone'),
  accountRegex: text('account_regex'),
  /** Card products: check the key is unused right before sending it (never send a dead card). */
  checkBeforeDelivery: integer('check_before_delivery', { mode: 'boolean' }).notNull().default(false),
  /** Card products: remind when a delivered key is still unredeemed after this many days (null = never). */
  remindAfterDays: integer('remind_after_days'),
  updatedAt: integer('updated_at').notNull(),
});

/** One try at topping up a line: an outbox intent, reconciled before any retry. */
export const topupAttempts = sqliteTable(
  'topup_attempts',
  {
    id: integer('id').primaryKey(),
    lineId: integer('line_id').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    route: text('route', { enum: ['supplier', 'rpa'] }).notNull(),
    supplierId: integer('supplier_id'),
    portalAccountId: integer('portal_account_id'),
    /** Our order number at the supplier; stable for the attempt so a repeated add is refused as a duplicate. */
    customerOrderNo: text('customer_order_no').notNull().unique(),
    accountMasked: text('account_masked').notNull(),
    state: text('state', { enum: ['intent', 'processing', 'success', 'disputed', 'failed_refunded', 'failed_not_refunded', 'failed', 'paused'] }).notNull(),
    supplierOrderId: text('supplier_order_id'),
    portalOrderNo: text('portal_order_no'),
    costFen: integer('cost_fen'),
    /** Evidence folder (RPA screenshots, trace) relative to the data folder. */
    evidenceDir: text('evidence_dir'),
    error: text('error'),
    nextCheckAt: integer('next_check_at'),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [uniqueIndex('topup_attempts_line_no').on(t.lineId, t.attemptNo), index('topup_attempts_state').on(t.state, t.nextCheckAt)],
);

/** 自动补货 rule per product. */
export const restockRules = sqliteTable('restock_rules', {
  productId: integer('product_id').primaryKey(),
  supplierId: integer('supplier_id').notNull().references(() => suppliers.id),
  supplierProductId: text('supplier_product_id').notNull(),
  threshold: integer('threshold').notNull(),
  buyCount: integer('buy_count').notNull(),
  dailyBudgetFen: integer('daily_budget_fen').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  lastRunAt: integer('last_run_at'),
  lastError: text('last_error'),
  updatedAt: integer('updated_at').notNull(),
});

/** One auto-restock purchase (a supplier card order), an outbox intent like a top-up attempt. */
export const restockPurchases = sqliteTable(
  'restock_purchases',
  {
    id: integer('id').primaryKey(),
    productId: integer('product_id').notNull(),
    supplierId: integer('supplier_id').notNull(),
    customerOrderNo: text('customer_order_no').notNull().unique(),
    count: integer('count').notNull(),
    unitCostFen: integer('unit_cost_fen').notNull(),
    totalFen: integer('total_fen').notNull(),
    state: text('state', { enum: ['intent', 'processing', 'success', 'failed'] }).notNull(),
    batchId: integer('batch_id'),
    error: text('error'),
    /** yyyy-mm-dd in Asia/Shanghai: the budget day. */
    day: text('day').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('restock_purchases_day').on(t.productId, t.day)],
);

/** 索赔: a dead key claimed back from its supplier; batch quality is counted from these. */
export const keyClaims = sqliteTable(
  'key_claims',
  {
    id: integer('id').primaryKey(),
    keyId: integer('key_id').notNull(),
    batchId: integer('batch_id').notNull(),
    lineId: integer('line_id'),
    reason: text('reason').notNull(),
    state: text('state', { enum: ['filed', 'accepted', 'rejected'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('key_claims_key').on(t.keyId), index('key_claims_batch').on(t.batchId)],
);
