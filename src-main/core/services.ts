import type Database from 'better-sqlite3';
import type { Db } from './db/open.js';
import type { Vault } from './vault/vault.js';
import type { AuditLog } from './audit/audit-log.js';
import type { Settings } from './settings.js';
import type { Preferences } from './preferences.js';
import type { EventBus } from './events.js';
import type { Logger } from './log/logger.js';
import type { Clock } from './clock.js';
import type { SandboxLink } from './sandbox-link/sandbox-link.js';
import type { AuditInput } from './audit/audit-log.js';
import type { FileStore } from './files/file-store.js';
import type { Products } from './inventory/products.js';
import type { Stock } from './inventory/stock.js';
import type { KeyActions } from './inventory/key-actions.js';
import type { Imports } from './inventory/import/import-service.js';
import type { SheetSyncs } from './inventory/sheet-sync/sheet-sync.js';
import type { OrderDesk } from './orders/order-desk.js';
import type { TopupServices } from './topup/topup-services.js';
import type { AfterSales } from './aftersales/after-sales.js';
import type { Redemption } from './redemption/redemption.js';
import type { RiskServices } from './risk/index.js';
import type { Alerts } from './notify/index.js';
import type { Backups } from './backup/index.js';
import type { Reports } from './reports/index.js';

export type HostKind = 'electron' | 'server' | 'cli';

/** Everything a capability may use, built once by createCore. */
export interface CoreServices {
  version: string;
  host: HostKind;
  dataDir: string;
  sqlite: Database.Database;
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  settings: Settings;
  preferences: Preferences;
  vault: Vault;
  audit: AuditLog;
  /** Appends an audit entry inside the caller's transaction. */
  appendAudit: (entry: AuditInput) => void;
  sandbox: SandboxLink;
  files: FileStore;
  products: Products;
  stock: Stock;
  keyActions: KeyActions;
  imports: Imports;
  sheetSyncs: SheetSyncs;
  /** Shops, capture, dispatch, delivery. */
  orders: OrderDesk;
  /** 代充: suppliers, portal accounts, supply settings, the top-up desk, auto-restock, RPA. */
  topup: TopupServices;
  /** 售后: the problem queue, one-click fixes, per-line ledger, batch quality. */
  afterSales: AfterSales;
  /** 核销: redemption checks (scheduled, before sending, on demand) and reminders. */
  redemption: Redemption;
  /** 风控: rules, lists, holds, second verification. */
  risk: RiskServices;
  /** 提醒: desktop notifications and group-bot webhooks, grouped and throttled. */
  alerts: Alerts;
  /** 备份与恢复. */
  backups: Backups;
  /** 报表 and 工作台: the sales ledger and every report read from it. */
  reports: Reports;
}
