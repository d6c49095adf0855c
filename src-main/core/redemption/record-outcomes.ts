// What a round of redemption checks changes, in one immediate transaction: every answered key gets its
// checked_at; a redeemed key becomes 已核销 (and its line too once all its keys are); a delivered key found
// invalid raises 买家反馈卡密无效 on its line for the owner — once per line, so a periodic re-check does
// not re-open what the owner already settled.
import type Database from 'better-sqlite3';
import type { AuditInput } from '../audit/audit-log.js';
import { stmt } from '../db/statements.js';
import type { Timeline } from '../orders/timeline.js';
import { fixLine, recordStep } from '../aftersales/line-record.js';
import type { CheckOutcome } from './card-check.js';

export interface CheckTally {
  /** Keys upstream answered for. */
  checked: number;
  redeemed: number;
  invalid: number;
  unknown: number;
  /** Keys a call was made for without an answer, with the first reason. */
  failed: number;
  failure: string | null;
  /** Lines whose state changed (for orders.changed). */
  lineIds: number[];
}

export const INVALID_NOTE = '核销查询：卡密无效';

export function emptyTally(): CheckTally {
  return { checked: 0, redeemed: 0, invalid: 0, unknown: 0, failed: 0, failure: null, lineIds: [] };
}

export function recordOutcomes(d: { sqlite: Database.Database; timeline: Timeline; audit: (e: AuditInput) => void }, outcomes: CheckOutcome[], now: number): CheckTally {
  const tally = emptyTally();
  const redeemedByLine = new Map<number, number>();
  const invalidByLine = new Map<number, number>();
  d.sqlite.transaction(() => {
    const checked = stmt(d.sqlite, 'update keys set checked_at = ? where id = ?');
    const redeem = stmt(d.sqlite, `update keys set status = 'redeemed', redeemed_at = ?, updated_at = ? where id = ? and status = 'delivered'`);
    const lineOf = stmt(d.sqlite, 'select line_id from line_keys where key_id = ? and exclusive = 1');
    const status = stmt(d.sqlite, 'select status from keys where id = ?');
    for (const o of outcomes) {
      if ('skipped' in o) {
        if (!o.attempted) continue;
        tally.failed += 1;
        tally.failure ??= o.skipped;
        // A failed try still moves the key to the back of the periodic queue, so one bad card cannot starve the rest.
        checked.run(now, o.key.id);
        continue;
      }
      tally.checked += 1;
      checked.run(now, o.key.id);
      const line = lineOf.get(o.key.id) as { line_id: number } | undefined;
      if (o.verdict.status === 'redeemed') {
        tally.redeemed += 1;
        if (redeem.run(o.verdict.redeemedAt ?? now, now, o.key.id).changes === 1 && line) redeemedByLine.set(line.line_id, (redeemedByLine.get(line.line_id) ?? 0) + 1);
      } else if (o.verdict.status === 'invalid') {
        tally.invalid += 1;
        const { status: keyStatus } = status.get(o.key.id) as { status: string };
        if (keyStatus === 'delivered' && line) invalidByLine.set(line.line_id, (invalidByLine.get(line.line_id) ?? 0) + 1);
      } else if (o.verdict.status === 'unknown') {
        tally.unknown += 1;
      }
    }
    for (const [lineId, n] of redeemedByLine) if (lineRedeemed(d, lineId, n, now)) tally.lineIds.push(lineId);
    for (const [lineId, n] of invalidByLine) if (lineInvalid(d, lineId, n, now)) tally.lineIds.push(lineId);
  }).immediate();
  return tally;
}

function lineRedeemed(d: Parameters<typeof recordOutcomes>[0], lineId: number, n: number, now: number): boolean {
  const line = fixLine(d.sqlite, lineId);
  const open = stmt(d.sqlite, `select count(*) as n from line_keys lk join keys k on k.id = lk.key_id where lk.line_id = ? and lk.exclusive = 1 and k.status not in ('redeemed', 'void')`).get(lineId) as { n: number };
  const whole = open.n === 0 && line.redeemed_at === null;
  if (whole) {
    stmt(d.sqlite, `update order_lines set redeemed_at = ?, issue = case when issue = 'unredeemed' then null else issue end,
        issue_note = case when issue = 'unredeemed' then null else issue_note end, updated_at = ? where id = ?`).run(now, now, lineId);
  }
  recordStep(d, 'redemption', line, { action: 'redeemed', actor: 'system', reason: null, text: `核销查询：${n} 张卡密已被买家使用${whole ? '，整行已核销' : ''}`, summary: { keys: n, whole } });
  return true;
}

function lineInvalid(d: Parameters<typeof recordOutcomes>[0], lineId: number, n: number, now: number): boolean {
  const line = fixLine(d.sqlite, lineId);
  if (line.issue !== null && line.issue !== 'unredeemed') return false;
  const raised = stmt(d.sqlite, `select 1 from order_events where order_id = ? and line_id = ? and kind = 'redemption' and json_extract(detail, '$.action') = 'invalid' limit 1`).get(line.order_id, lineId);
  if (raised) return false;
  stmt(d.sqlite, `update order_lines set issue = 'invalid_reported', issue_note = ?, updated_at = ? where id = ?`).run(INVALID_NOTE, now, lineId);
  recordStep(d, 'redemption', line, { action: 'invalid', actor: 'system', reason: null, text: `核销查询：${n} 张已发出的卡密无效，已放入售后队列`, summary: { keys: n } });
  return true;
}
