import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { KeyDeskError, sheetSyncInput, type SheetSync, type ImportSource } from '../../../../src-shared/contract/index.js';
import type { z } from 'zod';
import type { CoreServices } from '../../services.js';
import { hashSource } from '../import/run-import.js';
import { fetchSheet } from './fetch-sheet.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'files' | 'imports' | 'products' | 'events' | 'log' | 'appendAudit'>;
interface Row {
  id: number; product_id: number; name: string; kind: 'file' | 'url'; location_sealed: Buffer; location_hint: string; seal_key: string;
  interval_minutes: number; supplier: string; unit_cost_fen: number; enabled: number; last_checked_at: number | null; last_changed_at: number | null;
  last_hash: string | null; last_imported: number | null; last_duplicates: number | null; last_invalid: number | null; last_error: string | null;
}

const TICK_MS = 15_000;

/**
 * 云端表格同步: checks each watched file or published link on its interval (and a watched file as soon
 * as the sync client replaces it), imports only what is new. Idempotent by construction: an unchanged
 * file is skipped by hash, and every key already in stock is a duplicate, never stored twice.
 */
export class SheetSyncs {
  private readonly running = new Set<number>();
  private readonly due = new Set<number>();
  private readonly watchers = new Map<number, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly d: Deps) {}

  list(productId?: number): SheetSync[] {
    const rows = this.d.sqlite.prepare('select * from sheet_syncs where (? is null or product_id = ?) order by id').all(productId ?? null, productId ?? null) as Row[];
    return rows.map((r) => this.toSync(r));
  }

  save(raw: z.input<typeof sheetSyncInput>): SheetSync {
    const input = sheetSyncInput.parse(raw);
    this.d.products.get(input.productId);
    const db: Database.Database = this.d.sqlite;
    const id = db.transaction(() => {
      const existing = input.id === undefined ? undefined : this.row(input.id);
      const sealKey = existing?.seal_key ?? randomUUID();
      const location = input.location;
      const sealed = location === undefined ? existing!.location_sealed : this.d.vault.encrypt(location, `sheet_sync:${sealKey}`);
      const hint = location === undefined ? existing!.location_hint : hintOf(input.kind, location);
      const values = [input.productId, input.name, input.kind, sealed, hint, input.intervalMinutes, input.supplier, input.unitCostFen, input.enabled ? 1 : 0];
      let id: number;
      if (existing) {
        db.prepare(`update sheet_syncs set product_id=?, name=?, kind=?, location_sealed=?, location_hint=?, interval_minutes=?, supplier=?, unit_cost_fen=?, enabled=?,
          last_hash = case when ? then null else last_hash end where id=?`).run(...values, location === undefined ? 0 : 1, existing.id);
        id = existing.id;
      } else {
        id = Number(db.prepare(`insert into sheet_syncs (product_id, name, kind, location_sealed, location_hint, interval_minutes, supplier, unit_cost_fen, enabled, seal_key, created_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values, sealKey, this.d.clock.now()).lastInsertRowid);
      }
      this.d.appendAudit({ actor: 'owner', action: existing ? 'sync.update' : 'sync.create', objectType: 'sheet_sync', objectId: String(id), summary: { name: input.name, kind: input.kind, where: hint, productId: input.productId } });
      return id;
    }).immediate();
    this.rewatch();
    this.due.add(id);
    return this.toSync(this.row(id));
  }

  remove(id: number): boolean {
    const existed = this.d.sqlite.transaction(() => {
      const changes = this.d.sqlite.prepare('delete from sheet_syncs where id = ?').run(id).changes;
      if (changes) this.d.appendAudit({ actor: 'owner', action: 'sync.remove', objectType: 'sheet_sync', objectId: String(id) });
      return changes > 0;
    }).immediate();
    this.rewatch();
    return existed;
  }

  /** One check now. Never throws for a bad source: the error is recorded for the owner to see. */
  async check(id: number): Promise<SheetSync> {
    const r = this.row(id);
    if (this.running.has(id) || !this.d.vault.unlocked) return this.toSync(r);
    this.running.add(id);
    this.due.delete(id);
    const now = this.d.clock.now();
    let uploadId: string | undefined;
    try {
      const location = this.d.vault.decrypt(r.location_sealed, `sheet_sync:${r.seal_key}`);
      let source: ImportSource;
      if (r.kind === 'url') {
        uploadId = (await fetchSheet(location, this.d.files)).uploadId;
        source = { uploadId };
      } else {
        source = { path: location };
      }
      const hash = await hashSource({ path: 'uploadId' in source ? this.d.files.upload(source.uploadId).path : location }).catch(() => {
        throw new KeyDeskError('SYNC_SOURCE_UNREACHABLE', { where: r.location_hint }, `读取云端表格失败：找不到文件 ${r.location_hint}。`);
      });
      if (hash === r.last_hash) {
        this.d.sqlite.prepare('update sheet_syncs set last_checked_at = ?, last_error = null where id = ?').run(now, id);
        return this.toSync(this.row(id));
      }
      const out = await this.d.imports.run(
        { jobId: `sync-${id}-${randomUUID()}`, source, productId: r.product_id, sheet: 0, mode: 'partial', batch: { supplier: r.supplier, unitCostFen: r.unit_cost_fen, priority: 0, note: `云端同步：${r.name}` } },
        'sync',
      );
      uploadId = undefined; // the import removed it
      this.d.sqlite.prepare(`update sheet_syncs set last_checked_at = ?, last_changed_at = ?, last_hash = ?, last_imported = ?, last_duplicates = ?, last_invalid = ?, last_error = ? where id = ?`)
        .run(now, now, hash, out.imported, out.duplicatesInStock + out.duplicatesInFile, out.invalidCount, out.status === 'rejected' ? (out.rejectedBecause ?? '没有有效卡密') : null, id);
      if (out.imported > 0) this.d.events.emit('app.notice', { level: 'info', message: `云端表格「${r.name}」新增 ${out.imported} 条卡密` });
    } catch (err) {
      const message = err instanceof KeyDeskError ? err.message : '同步失败，详情见日志';
      this.d.log.warn({ syncId: id, err: (err as Error).message }, 'SheetSyncs.check: failed');
      this.d.sqlite.prepare('update sheet_syncs set last_checked_at = ?, last_error = ? where id = ?').run(now, message, id);
      this.d.events.emit('app.notice', { level: 'warning', kind: 'sync_error', message: `云端表格「${r.name}」同步失败：${message}` });
    } finally {
      if (uploadId) this.d.files.removeUpload(uploadId);
      this.running.delete(id);
      this.d.events.emit('sync.updated', { id });
    }
    return this.toSync(this.row(id));
  }

  /** Background checking for the window and server hosts (the CLI never starts it). */
  start(): void {
    if (this.timer) return;
    this.rewatch();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  async tick(): Promise<void> {
    if (!this.d.vault.unlocked) return;
    const now = this.d.clock.now();
    for (const r of this.d.sqlite.prepare('select * from sheet_syncs where enabled = 1').all() as Row[]) {
      const overdue = r.last_checked_at === null || now - r.last_checked_at >= r.interval_minutes * 60_000;
      if (overdue || this.due.has(r.id)) await this.check(r.id);
    }
  }

  /** A sync folder client replaces the file (rename), so the folder is watched and filtered by name. */
  private rewatch(): void {
    if (!this.timer && this.watchers.size === 0 && !this.d.vault.unlocked) return;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    if (!this.d.vault.unlocked) return;
    for (const r of this.d.sqlite.prepare("select * from sheet_syncs where enabled = 1 and kind = 'file'").all() as Row[]) {
      try {
        const path = this.d.vault.decrypt(r.location_sealed, `sheet_sync:${r.seal_key}`);
        const w = watch(dirname(path), (_event, file) => {
          if (file === basename(path)) this.due.add(r.id);
        });
        w.on('error', () => w.close());
        this.watchers.set(r.id, w);
      } catch {
        // A folder that does not exist yet is checked on the interval instead.
      }
    }
  }

  private row(id: number): Row {
    const r = this.d.sqlite.prepare('select * from sheet_syncs where id = ?').get(id) as Row | undefined;
    if (!r) throw new KeyDeskError('NOT_FOUND', { syncId: id });
    return r;
  }

  private toSync(r: Row): SheetSync {
    return {
      id: r.id, productId: r.product_id, name: r.name, kind: r.kind, locationHint: r.location_hint, intervalMinutes: r.interval_minutes,
      supplier: r.supplier, unitCostFen: r.unit_cost_fen, enabled: r.enabled === 1, lastCheckedAt: r.last_checked_at, lastChangedAt: r.last_changed_at,
      lastImported: r.last_imported, lastDuplicates: r.last_duplicates, lastInvalid: r.last_invalid, lastError: r.last_error, running: this.running.has(r.id),
    };
  }
}

function hintOf(kind: 'file' | 'url', location: string): string {
  return kind === 'url' ? new URL(location).host : basename(location);
}
