// What a database holds, read the same way from the live data, a fresh snapshot and a restored copy, so a
// backup's header and the restore's checks compare like with like.
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { BackupCounts } from '../../../src-shared/contract/index.js';
import type { Settings } from '../settings.js';

export const INSTALLATION_SETTING = 'installation.id';

export interface DatabaseFacts {
  installationId: string | null;
  schemaVersion: number;
  counts: BackupCounts;
  auditHead: { seq: number; mac: string } | null;
}

const n = (sqlite: Database.Database, sql: string): number => (sqlite.prepare(sql).get() as { n: number }).n;

export function countsOf(sqlite: Database.Database): BackupCounts {
  return {
    products: n(sqlite, 'select count(*) as n from products'),
    keys: n(sqlite, 'select count(*) as n from keys'),
    orders: n(sqlite, 'select count(*) as n from orders'),
    orderLines: n(sqlite, 'select count(*) as n from order_lines'),
    auditEntries: n(sqlite, 'select count(*) as n from audit_log'),
  };
}

export function auditHeadOf(sqlite: Database.Database): { seq: number; mac: string } | null {
  return (sqlite.prepare('select seq, mac from audit_log order by seq desc limit 1').get() as { seq: number; mac: string } | undefined) ?? null;
}

export function installationIdOf(sqlite: Database.Database): string | null {
  const row = sqlite.prepare('select value from settings where key = ?').get(INSTALLATION_SETTING) as { value: string } | undefined;
  if (!row) return null;
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'string' ? value : null;
}

export function factsOf(sqlite: Database.Database): DatabaseFacts {
  return {
    installationId: installationIdOf(sqlite),
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    counts: countsOf(sqlite),
    auditHead: auditHeadOf(sqlite),
  };
}

export function vaultRowsOf(sqlite: Database.Database): {
  unlockers: { kind: 'passphrase' | 'recovery' | 'os-keychain'; sealed: string }[];
  keys: { purpose: string; version: number; wrapped: string }[];
} {
  return {
    unlockers: sqlite.prepare('select kind, sealed from vault_unlockers order by kind').all() as { kind: 'passphrase' | 'recovery' | 'os-keychain'; sealed: string }[],
    keys: sqlite.prepare('select purpose, version, wrapped from vault_keys order by purpose, version').all() as { purpose: string; version: number; wrapped: string }[],
  };
}

/** This installation's id, made once (at its first backup) and carried by every backup and restore of it. */
export function ensureInstallationId(sqlite: Database.Database, settings: Settings): string {
  const existing = installationIdOf(sqlite);
  if (existing) return existing;
  const id = randomUUID();
  settings.set(INSTALLATION_SETTING, id);
  return id;
}

/**
 * Data that a restore of ANOTHER installation's backup would put aside: products, keys, order lines. A
 * folder with none of them (new, or only set up) may take another installation's backup.
 */
export function isEmptyInstallation(counts: BackupCounts): boolean {
  return counts.products === 0 && counts.keys === 0 && counts.orderLines === 0;
}
