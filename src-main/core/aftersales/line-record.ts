// What every 售后 fix shares: reading the line it acts on, and writing its record — one timeline entry
// (the ledger's sentence) and one audit entry — inside the fix's own transaction.
import type Database from 'better-sqlite3';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import type { AuditInput, AuditSummary } from '../audit/audit-log.js';
import { stmt } from '../db/statements.js';
import type { Timeline } from '../orders/timeline.js';
import type { LineIssue } from './problem-kinds.js';

export interface FixLine {
  id: number;
  order_id: number;
  shop_id: number;
  platform_order_id: string;
  product_id: number | null;
  status: string;
  refund: 'none' | 'requested' | 'refunded';
  issue: LineIssue | null;
  paid_at: number | null;
  delivered_at: number | null;
  redeemed_at: number | null;
  order_amount_fen: number;
}

export interface TiedKey {
  id: number;
  product_id: number;
  batch_id: number;
  status: string;
  exclusive: number;
  card_no: string | null;
  secret_sealed: Buffer;
  secret_index: Buffer;
}

export function fixLine(sqlite: Database.Database, lineId: number): FixLine {
  const line = stmt(sqlite, `select l.id, l.order_id, l.shop_id, l.platform_order_id, l.product_id, l.status, l.refund, l.issue, l.paid_at, l.delivered_at, l.redeemed_at,
      o.amount_fen as order_amount_fen from order_lines l join orders o on o.id = l.order_id where l.id = ?`).get(lineId) as FixLine | undefined;
  if (!line) throw new KeyDeskError('NOT_FOUND', { lineId }, `订单行不存在（编号 ${lineId}）`);
  return line;
}

/** Every key ever tied to the line, voided ones included (the ledger and claims need them). */
export function tiedKeys(sqlite: Database.Database, lineId: number): TiedKey[] {
  return stmt(sqlite, `select k.id, k.product_id, k.batch_id, k.status, lk.exclusive, k.card_no, k.secret_sealed, k.secret_index
      from line_keys lk join keys k on k.id = lk.key_id where lk.line_id = ? order by k.id`).all(lineId) as TiedKey[];
}

export const refused = (line: { id: number; status: string }, message: string): KeyDeskError =>
  new KeyDeskError('INVALID_INPUT', { lineId: line.id, status: line.status }, message);

export type Actor = 'owner' | 'system';

export interface RecordInput {
  /** Machine name of the step: the audit action is `<prefix>.<action>`. */
  action: string;
  actor: Actor;
  reason: string | null;
  /** The ledger's sentence, without the reason (shown next to it). */
  text: string;
  summary?: AuditSummary;
}

/** Writes the ledger entry and its audit twin. Must run inside the change's transaction. */
export function recordStep(
  deps: { timeline: Timeline; audit: (e: AuditInput) => void },
  kind: 'aftersales' | 'redemption',
  line: { id: number; order_id: number; platform_order_id: string },
  input: RecordInput,
): void {
  deps.timeline.add(line.order_id, line.id, kind, { action: input.action, actor: input.actor, reason: input.reason, text: input.text });
  deps.audit({
    actor: input.actor,
    action: `${kind}.${input.action}`,
    objectType: 'order_line',
    objectId: String(line.id),
    summary: { order: line.platform_order_id, ...(input.reason !== null && { reason: input.reason }), ...input.summary },
  });
}
