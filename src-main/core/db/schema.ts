import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Small key/value settings that belong with the data (language, demo shop, recovery confirmation). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Ways to open the vault. Each row seals the same key-encryption key (KEK): by a passphrase (scrypt),
 * by the recovery key, or a marker saying the OS keychain holds it (the sealed blob then lives with the
 * desktop host's settings, since it only opens on this OS account anyway).
 */
export const vaultUnlockers = sqliteTable('vault_unlockers', {
  kind: text('kind', { enum: ['passphrase', 'recovery', 'os-keychain'] }).primaryKey(),
  sealed: text('sealed').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Keys wrapped by the KEK. `data` has versions for rotation; `index` and `audit` are stable. */
export const vaultKeys = sqliteTable(
  'vault_keys',
  {
    purpose: text('purpose', { enum: ['data', 'index', 'audit'] }).notNull(),
    version: integer('version').notNull(),
    wrapped: text('wrapped').notNull(),
    createdAt: integer('created_at').notNull(),
    retiredAt: integer('retired_at'),
  },
  (t) => [primaryKey({ columns: [t.purpose, t.version] })],
);

/** Append-only, HMAC-chained. Triggers in migration 0001 refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    summary: text('summary').notNull(),
    prevMac: text('prev_mac').notNull(),
    mac: text('mac').notNull(),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_action').on(t.action),
    index('audit_log_object').on(t.objectType, t.objectId),
  ],
);

// ── Inventory ────────────────────────────────────────────────────────────────────────────────────

/** 商品. `reusable` (循环卡密): one key may go to many orders, so delivery never uses it up. */
export const products = sqliteTable('products', {
  id: integer('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  type: text('type', { enum: ['card', 'direct', 'combo'] }).notNull(),
  faceValueFen: integer('face_value_fen'),
  priceFen: integer('price_fen').notNull(),
  deliveryTemplate: text('delivery_template'),
  lowStockThreshold: integer('low_stock_threshold').notNull().default(10),
  reusable: integer('reusable', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  archivedAt: integer('archived_at'),
});

/** A combo product is a list of other products × quantity. */
export const productComponents = sqliteTable(
  'product_components',
  {
    comboId: integer('combo_id').notNull().references(() => products.id),
    componentId: integer('component_id').notNull().references(() => products.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.comboId, t.componentId] })],
);

/** One file (or paste) brought into stock; the unit of history and undo. */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey(),
    productId: integer('product_id').notNull().references(() => products.id),
    fileName: text('file_name').notNull(),
    fileHash: text('file_hash').notNull(),
    format: text('format').notNull(),
    mode: text('mode', { enum: ['all', 'partial'] }).notNull(),
    status: text('status', { enum: ['committed', 'rejected', 'undone'] }).notNull(),
    imported: integer('imported').notNull(),
    duplicatesInFile: integer('duplicates_in_file').notNull(),
    duplicatesInStock: integer('duplicates_in_stock').notNull(),
    invalid: integer('invalid').notNull(),
    source: text('source', { enum: ['file', 'paste', 'cli', 'sync'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at').notNull(),
    undoneAt: integer('undone_at'),
  },
  (t) => [index('imports_product').on(t.productId), index('imports_hash').on(t.fileHash)],
);

/** Rows an import refused, with the reason the owner reads. Never holds a secret. */
export const importProblems = sqliteTable(
  'import_problems',
  {
    importId: integer('import_id').notNull().references(() => imports.id),
    row: integer('row').notNull(),
    kind: text('kind', { enum: ['invalid', 'duplicate_in_file', 'duplicate_in_stock', 'warning'] }).notNull(),
    reason: text('reason').notNull(),
    cardNo: text('card_no'),
  },
  (t) => [index('import_problems_import').on(t.importId, t.row)],
);

/** 批次: the keys of one purchase, with what they cost and when they expire. */
export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey(),
    productId: integer('product_id').notNull().references(() => products.id),
    importId: integer('import_id').references(() => imports.id),
    supplier: text('supplier').notNull().default(''),
    unitCostFen: integer('unit_cost_fen').notNull(),
    purchasedAt: integer('purchased_at').notNull(),
    expiresAt: integer('expires_at'),
    priority: integer('priority').notNull().default(0),
    note: text('note').notNull().default(''),
    sourceFileHash: text('source_file_hash'),
    createdAt: integer('created_at').notNull(),
    /** Only orders of this shop may take keys from the batch. */
    pinShopId: integer('pin_shop_id'),
    /** Campaign: only orders paid within [pinFrom, pinTo) may take keys from the batch. */
    pinFrom: integer('pin_from'),
    pinTo: integer('pin_to'),
  },
  (t) => [index('batches_product').on(t.productId)],
);

/**
 * 卡密. The secret is only ever stored sealed by the vault (AAD = `key:` + blind index hex), and
 * found by its blind index, which is UNIQUE across all stock ever imported.
 */
export const keys = sqliteTable(
  'keys',
  {
    id: integer('id').primaryKey(),
    productId: integer('product_id').notNull().references(() => products.id),
    batchId: integer('batch_id').notNull().references(() => batches.id),
    importId: integer('import_id').references(() => imports.id),
    sourceRow: integer('source_row'),
    cardNo: text('card_no'),
    secretSealed: blob('secret_sealed', { mode: 'buffer' }).notNull(),
    secretIndex: blob('secret_index', { mode: 'buffer' }).notNull().unique(),
    extra: text('extra'),
    status: text('status', { enum: ['available', 'reserved', 'delivered', 'redeemed', 'void', 'expired'] }).notNull(),
    expiresAt: integer('expires_at'),
    voidReason: text('void_reason'),
    /** Set when the order line the key went to was refunded after delivery ("delivered, refunded"). */
    refundedAt: integer('refunded_at'),
    redeemedAt: integer('redeemed_at'),
    /** Last redemption (核销) check; null = never checked. */
    checkedAt: integer('checked_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  // Each index serves one screen or rule: picking (earliest expiry first), the keys page filtered by
  // status / product / batch in newest-first keyset order, card-number search, undo of an import.
  (t) => [
    index('keys_pick').on(t.productId, t.status, t.expiresAt, t.id),
    index('keys_status_id').on(t.status, t.id),
    index('keys_product_id').on(t.productId, t.id),
    index('keys_batch_status_id').on(t.batchId, t.status, t.id),
    index('keys_card_no').on(t.cardNo),
    index('keys_import').on(t.importId),
  ],
);

/**
 * 云端表格同步: a sheet the supplier keeps adding keys to (a file in a 坚果云/OneDrive/WPS sync folder,
 * or a published http(s) CSV/xlsx link). The location is sealed: a published link is as good as a
 * password to the sheet.
 */
export const sheetSyncs = sqliteTable('sheet_syncs', {
  id: integer('id').primaryKey(),
  productId: integer('product_id').notNull().references(() => products.id),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['file', 'url'] }).notNull(),
  locationSealed: blob('location_sealed', { mode: 'buffer' }).notNull(),
  locationHint: text('location_hint').notNull(),
  sealKey: text('seal_key').notNull().unique(),
  intervalMinutes: integer('interval_minutes').notNull(),
  supplier: text('supplier').notNull().default(''),
  unitCostFen: integer('unit_cost_fen').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  lastCheckedAt: integer('last_checked_at'),
  lastChangedAt: integer('last_changed_at'),
  lastHash: text('last_hash'),
  lastImported: integer('last_imported'),
  lastDuplicates: integer('last_duplicates'),
  lastInvalid: integer('last_invalid'),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
});

/**
 * Keys per product × batch × status, kept by triggers on `keys` (migration 0005), so stock figures
 * and page totals cost a handful of rows instead of a scan over a million keys.
 */
export const stockCounts = sqliteTable(
  'stock_counts',
  {
    productId: integer('product_id').notNull(),
    batchId: integer('batch_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.batchId, t.status] })],
);

// ── Channels and dispatch ───────────────────────────────────────────────────────────────────────

/** 店铺: one connected shop on a platform. Credentials are one vault-sealed JSON blob (AAD `shop:<sealKey>`). */
export const shops = sqliteTable('shops', {
  id: integer('id').primaryKey(),
  platform: text('platform', { enum: ['taobao', 'pdd', 'doudian', 'youzan', 'weidian', 'site'] }).notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'paused', 'needs_auth', 'error'] }).notNull(),
  sandbox: integer('sandbox', { mode: 'boolean' }).notNull().default(false),
  credentialsSealed: blob('credentials_sealed', { mode: 'buffer' }).notNull(),
  sealKey: text('seal_key').notNull().unique(),
  appKeyMasked: text('app_key_masked').notNull(),
  endpoint: text('endpoint'),
  pollSeconds: integer('poll_seconds').notNull(),
  /** Orders modified before this (epoch ms) have been read; the next poll starts here minus an overlap. */
  cursorAt: integer('cursor_at').notNull(),
  /** Orders modified before this have also been re-read after the platform's late-write lag. */
  settledAt: integer('settled_at').notNull(),
  lastPollAt: integer('last_poll_at'),
  lastError: text('last_error'),
  backoffUntil: integer('backoff_until'),
  /** 平台费率 in basis points (1/10000 of revenue − refund), for the profit reports; set by the owner. */
  feeRateBp: integer('fee_rate_bp').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** 订单: one platform order, as last seen. Buyer data only as a blind index and a masked nick. */
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey(),
    shopId: integer('shop_id').notNull().references(() => shops.id),
    platformOrderId: text('platform_order_id').notNull(),
    platformStatus: text('platform_status').notNull(),
    status: text('status', { enum: ['unpaid', 'paid', 'shipped', 'done', 'closed'] }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    paidAt: integer('paid_at'),
    platformUpdatedAt: integer('platform_updated_at').notNull(),
    buyerIndex: blob('buyer_index', { mode: 'buffer' }),
    buyerMasked: text('buyer_masked').notNull(),
    /** Platform risk flags as JSON (e.g. 抖店 80000), for the risk hook. */
    riskFlags: text('risk_flags'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_natural').on(t.shopId, t.platformOrderId),
    index('orders_buyer').on(t.buyerIndex),
    index('orders_platform_id').on(t.platformOrderId),
  ],
);

/**
 * 订单行: the unit of dispatch. Its status is also the delivery outbox: `reserved` = keys tied, to send;
 * `sending` = a platform call may be in flight (reconciled on start before any resend).
 */
export const orderLines = sqliteTable(
  'order_lines',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    shopId: integer('shop_id').notNull().references(() => shops.id),
    platformOrderId: text('platform_order_id').notNull(),
    platformLineId: text('platform_line_id').notNull(),
    itemId: text('item_id').notNull(),
    skuId: text('sku_id').notNull(),
    outerId: text('outer_id').notNull(),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    priceFen: integer('price_fen').notNull(),
    productId: integer('product_id').references(() => products.id),
    /** Keys this line takes (quantity × mapping quantity), set when mapped. */
    keysNeeded: integer('keys_needed'),
    status: text('status', {
      enum: ['waiting_payment', 'unmapped', 'held', 'out_of_stock', 'ask_buyer', 'topping_up', 'topup_paused', 'reserved', 'sending', 'delivered', 'failed', 'cancelled', 'refunded', 'after_sales'],
    }).notNull(),
    /** What the buyer gave for a 直充 line (account_list, else the buyer's message), sealed (AAD `line-input:<id>`). */
    buyerInputSealed: blob('buyer_input_sealed', { mode: 'buffer' }),
    /** The validated recharge account, sealed (AAD `recharge:<id>`), and masked for lists. */
    rechargeAccountSealed: blob('recharge_account_sealed', { mode: 'buffer' }),
    rechargeAccountMasked: text('recharge_account_masked'),
    /** 已核销: every key of the line was redeemed (or the owner marked it). */
    redeemedAt: integer('redeemed_at'),
    /** 售后 problem the owner must look at although the line's status is final (invalid key reported…). */
    issue: text('issue', { enum: ['invalid_reported', 'refund_after_delivery', 'topup_disputed', 'unredeemed'] }),
    issueNote: text('issue_note'),
    refund: text('refund', { enum: ['none', 'requested', 'refunded'] }).notNull().default('none'),
    risk: text('risk'),
    paidAt: integer('paid_at'),
    deliveredAt: integer('delivered_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('order_lines_natural').on(t.shopId, t.platformOrderId, t.platformLineId),
    index('order_lines_order').on(t.orderId),
    index('order_lines_status').on(t.status, t.paidAt),
    index('order_lines_shop').on(t.shopId, t.id),
    index('order_lines_product_status').on(t.productId, t.status, t.paidAt),
    index('order_lines_issue').on(t.issue),
  ],
);

/** Keys tied to a line. A key goes to one line only, except 循环卡密 (exclusive = 0). */
export const lineKeys = sqliteTable(
  'line_keys',
  {
    lineId: integer('line_id').notNull().references(() => orderLines.id),
    keyId: integer('key_id').notNull().references(() => keys.id),
    exclusive: integer('exclusive', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.keyId] }),
    uniqueIndex('line_keys_one_line').on(t.keyId).where(sql`exclusive = 1`),
  ],
);

/** The order's timeline: every platform payload (sealed: it holds buyer data), decision and response. */
export const orderEvents = sqliteTable(
  'order_events',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    lineId: integer('line_id'),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    detail: text('detail', { mode: 'json' }),
    payloadSealed: blob('payload_sealed', { mode: 'buffer' }),
  },
  (t) => [index('order_events_order').on(t.orderId, t.id)],
);

/** Platform item / SKU → product × keys per unit. `skuId` '' covers every SKU of the item. */
export const skuMappings = sqliteTable(
  'sku_mappings',
  {
    id: integer('id').primaryKey(),
    shopId: integer('shop_id').notNull().references(() => shops.id),
    itemId: text('item_id').notNull(),
    skuId: text('sku_id').notNull(),
    title: text('title').notNull(),
    productId: integer('product_id').notNull().references(() => products.id),
    quantity: integer('quantity').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('sku_mappings_item').on(t.shopId, t.itemId, t.skuId)],
);

/** Push message ids already taken, so a replayed push is dropped. */
export const pushSeen = sqliteTable(
  'push_seen',
  {
    shopId: integer('shop_id').notNull(),
    messageId: text('message_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.messageId] }), index('push_seen_at').on(t.at)],
);

export * from './schema-topup.js';
export * from './schema-risk.js';
export * from './schema-reports.js';
