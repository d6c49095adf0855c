import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

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
