// The order's timeline: one row per step, written in the same transaction as the step. Platform
// payloads are sealed (they carry buyer nicks, messages, recharge accounts); details never hold a key.
import type Database from 'better-sqlite3';
import type { Vault } from '../vault/vault.js';
import type { Clock } from '../clock.js';

export type TimelineKind =
  | 'captured'
  | 'updated'
  | 'push'
  | 'mapped'
  | 'unmapped'
  | 'risk'
  | 'held'
  | 'reserved'
  | 'out_of_stock'
  | 'sending'
  | 'delivered'
  | 'delivery_failed'
  | 'retry_scheduled'
  | 'reconciled'
  | 'refund_requested'
  | 'refund_cleared'
  | 'refunded'
  | 'released'
  | 'cancelled'
  | 'retry'
  | 'deliver_now'
  // 代充 (top-up)
  | 'ask_buyer'
  | 'account_set'
  | 'topup_queued'
  | 'topup_submitted'
  | 'topup_result'
  | 'topup_reconciled'
  | 'topup_paused'
  | 'topup_failed'
  // 售后 and 核销: detail {action, actor, reason, text}
  | 'aftersales'
  | 'redemption';

export const payloadAad = (orderId: number): string => `order:${orderId}`;

export class Timeline {
  private readonly insert: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {
    this.insert = sqlite.prepare('insert into order_events (order_id, line_id, at, kind, detail, payload_sealed) values (?, ?, ?, ?, ?, ?)');
  }

  /** Must run inside the transaction that makes the change it records. */
  add(orderId: number, lineId: number | null, kind: TimelineKind, detail: unknown, payload?: unknown): void {
    const sealed = payload === undefined ? null : this.vault.encrypt(JSON.stringify(payload), payloadAad(orderId));
    this.insert.run(orderId, lineId, this.clock.now(), kind, detail === undefined ? null : JSON.stringify(detail), sealed);
  }
}

/** `tb_buyer_01` → `t**1`: enough to recognise a buyer on the phone, not to search the platform for them. */
export function maskBuyer(nick: string | undefined): string {
  if (!nick) return '—';
  const chars = [...nick];
  if (chars.length === 1) return '*';
  return `${chars[0]}**${chars.at(-1)}`;
}
