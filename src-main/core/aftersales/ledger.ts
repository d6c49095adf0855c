// One line's 售后 ledger: every step of its timeline (the order-level ones too) and every audit entry about
// it, newest first, each with who did it, in Chinese. Audit entries that mirror a timeline step (written
// together in one transaction) are shown once.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { ledgerEntry } from '../../../src-shared/contract/index.js';
import { stmt } from '../db/statements.js';
import type { TimelineKind } from '../orders/timeline.js';
import { describeStep } from '../orders/timeline-text.js';
import { fixLine } from './line-record.js';

export type LedgerEntry = z.infer<typeof ledgerEntry>;

const ACTORS: Record<string, string> = { owner: '店主', system: '系统', platform: '平台' };

/** Steps the platform causes; the rest of the timeline is the system's unless its detail names an actor. */
const PLATFORM_STEPS: ReadonlySet<TimelineKind> = new Set(['captured', 'updated', 'push', 'refund_requested', 'refund_cleared', 'refunded']);
const OWNER_STEPS: ReadonlySet<TimelineKind> = new Set(['retry', 'deliver_now', 'mapped']);

/**
 * Audit actions of these areas are always written with a timeline step of the same change (capture,
 * dispatch, delivery, top-up, after-sales, redemption): the step tells it in words, so it is shown once.
 * Anything else audited about the line is listed from the audit log.
 */
const MIRRORED = /^(order|dispatch|delivery|topup|aftersales|redemption)\./;

interface EventRow {
  id: number;
  at: number;
  kind: TimelineKind;
  detail: string | null;
}

interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  summary: string;
}

export function lineLedger(sqlite: Database.Database, lineId: number): LedgerEntry[] {
  const line = fixLine(sqlite, lineId);
  const events = stmt(sqlite, 'select id, at, kind, detail from order_events where order_id = ? and (line_id = ? or line_id is null) order by id desc')
    .all(line.order_id, lineId) as EventRow[];
  const audits = stmt(sqlite, `select seq, at, actor, action, summary from audit_log where object_type = 'order_line' and object_id = ? order by seq desc`)
    .all(String(lineId)) as AuditRow[];
  const entries: (LedgerEntry & { order: number })[] = [];
  for (const e of events) {
    const detail = e.detail === null ? null : (JSON.parse(e.detail) as Record<string, unknown>);
    const recorded = e.kind === 'aftersales' || e.kind === 'redemption';
    const actor = typeof detail?.actor === 'string' ? detail.actor : PLATFORM_STEPS.has(e.kind) ? 'platform' : OWNER_STEPS.has(e.kind) ? 'owner' : 'system';
    entries.push({
      at: e.at,
      actor: ACTORS[actor] ?? actor,
      action: recorded && typeof detail?.action === 'string' ? detail.action : e.kind,
      // The reason is its own field (shown beside the text), so recorded steps carry only their sentence.
      text: recorded ? String(detail?.text ?? '') : describeStep(e.kind, detail),
      reason: recorded && typeof detail?.reason === 'string' ? detail.reason : null,
      order: e.id,
    });
  }
  for (const a of audits) {
    if (MIRRORED.test(a.action)) continue;
    const summary = JSON.parse(a.summary) as Record<string, unknown>;
    entries.push({
      at: a.at,
      actor: ACTORS[a.actor] ?? a.actor,
      action: a.action,
      text: `操作记录：${a.action}`,
      reason: typeof summary.reason === 'string' ? summary.reason : null,
      order: a.seq,
    });
  }
  entries.sort((x, y) => y.at - x.at || y.order - x.order);
  return entries.map(({ order: _order, ...entry }) => entry);
}
