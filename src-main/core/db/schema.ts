import { sqliteTable, text, integer, blob, primaryKey, index } from 'drizzle-orm/sqlite-core';

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
