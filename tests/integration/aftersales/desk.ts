// A real core in a temp folder with the in-memory platform, and the 售后 desk on it. Lines get to
// `delivered` the way they do in production: capture → reserve → outbox → platform confirms.
import { afterEach } from 'vitest';
import { unlockedCore, expectOk } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { FakePlatform, addFakeShop } from '../../helpers/fake-platform.js';
import type { Core, CoreOptions } from '../../../src-main/core/index.js';
import type { AuditInput } from '../../../src-main/core/audit/audit-log.js';
import { AfterSales } from '../../../src-main/core/aftersales/index.js';

const open: Core[] = [];
afterEach(() => {
  for (const core of open.splice(0)) {
    core.services.orders.stop();
    core.close();
  }
});

export interface Desk {
  core: Core;
  platform: FakePlatform;
  shopId: number;
  productId: number;
  desk: AfterSales;
  /** Lines the desk reported changed (orders.changed), in order. */
  changed: number[];
  /** A paid order of `quantity` keys, captured and delivered; its line id. */
  delivered(quantity?: number): Promise<number>;
  /** Captures whatever the platform has and waits for the outbox. */
  sync(): Promise<void>;
  line(id: number): LineState;
  keysOf(lineId: number): KeyState[];
  auditOf(lineId: number): { action: string; actor: string; summary: Record<string, unknown> }[];
  events(lineId: number): { kind: string; detail: Record<string, unknown> | null }[];
  secretOf(keyId: number): string;
}

export interface LineState {
  status: string;
  issue: string | null;
  issue_note: string | null;
  refund: string;
  redeemed_at: number | null;
  delivered_at: number | null;
  last_error: string | null;
  attempts: number;
}

export interface KeyState {
  id: number;
  status: string;
  void_reason: string | null;
  refunded_at: number | null;
  redeemed_at: number | null;
  checked_at: number | null;
  batch_id: number;
}

export interface DeskOptions {
  keys?: string;
  /** An audit action whose append fails (after writing), to prove a fix is one transaction. */
  failAudit?: string;
  checkable?: (productId: number) => boolean;
  /** false: lines stop at `reserved` (the pre-delivery tests play the outbox themselves). */
  send?: boolean;
  /** The core's own supplier adapters (its wired redemption check asks them before sending). */
  supplierAdapters?: CoreOptions['supplierAdapters'];
}

export async function openDesk(options: DeskOptions = {}): Promise<Desk> {
  const platform = new FakePlatform();
  const { core } = await unlockedCore({ adapters: { taobao: platform.adapter() }, ...(options.supplierAdapters && { supplierAdapters: options.supplierAdapters }) });
  open.push(core);
  const productId = await addProduct(core);
  const shopId = await addFakeShop(core);
  if (options.keys) await importText(core, productId, options.keys);
  if (options.send !== false) await core.services.orders.start();
  const s = core.services;
  const appendAudit = (entry: AuditInput): void => {
    s.appendAudit(entry);
    // After the append: proves the entry and the change share one transaction (both roll back).
    if (entry.action === options.failAudit) throw new Error('audit disk full (test)');
  };
  const changed: number[] = [];
  const desk = new AfterSales({
    sqlite: s.sqlite, vault: s.vault, clock: s.clock, appendAudit, kickOutbox: () => s.orders.outbox.kick(), onChanged: (ids) => changed.push(...ids),
    ...(options.checkable && { checkable: options.checkable }),
  });
  const sync = async (): Promise<void> => {
    expectOk(await core.call('shops.syncNow', { id: shopId }));
    await s.orders.outbox.idle();
  };
  return {
    core, platform, shopId, productId, desk, changed, sync,
    async delivered(quantity = 1) {
      const order = platform.addOrder({ lines: [{ quantity }] });
      await sync();
      return (s.sqlite.prepare('select id from order_lines where platform_order_id = ?').get(order.orderId) as { id: number }).id;
    },
    line: (id) => s.sqlite.prepare('select status, issue, issue_note, refund, redeemed_at, delivered_at, last_error, attempts from order_lines where id = ?').get(id) as LineState,
    keysOf: (lineId) => s.sqlite.prepare(`select k.id, k.status, k.void_reason, k.refunded_at, k.redeemed_at, k.checked_at, k.batch_id from line_keys lk join keys k on k.id = lk.key_id
        where lk.line_id = ? order by k.id`).all(lineId) as KeyState[],
    auditOf: (lineId) => (s.sqlite.prepare(`select action, actor, summary from audit_log where object_type = 'order_line' and object_id = ? order by seq`).all(String(lineId)) as { action: string; actor: string; summary: string }[])
      .map((a) => ({ ...a, summary: JSON.parse(a.summary) as Record<string, unknown> })),
    events: (lineId) => (s.sqlite.prepare('select kind, detail from order_events where line_id = ? order by id').all(lineId) as { kind: string; detail: string | null }[])
      .map((e) => ({ kind: e.kind, detail: e.detail === null ? null : (JSON.parse(e.detail) as Record<string, unknown>) })),
    secretOf: (keyId) => s.stock.secretOf(keyId).secret,
  };
}
