// 发货前检查: right before the outbox sends a line (status `sending`), the keys of products that ask for it
// are checked upstream. A redeemed or invalid key is voided and swapped for a fresh one (checked in turn);
// when stock runs out the line waits for stock with nothing reserved. A check that cannot run lets the
// delivery go ahead: a flaky supplier must not stop every delivery, and the buyer can still report a bad
// key afterwards (after-sales replaces it).
import type Database from 'better-sqlite3';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { stmt } from '../db/statements.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log/logger.js';
import { releaseKeys } from '../orders/capture.js';
import type { Timeline } from '../orders/timeline.js';
import { fixLine, recordStep, type FixLine } from '../aftersales/line-record.js';
import { swapKeys, VOID_PREFIX } from '../aftersales/swap-keys.js';
import type { CardChecker, CheckableKey, CheckOutcome } from './card-check.js';
import { recordOutcomes } from './record-outcomes.js';

export type BeforeSend = 'ok' | 'replaced' | 'out_of_stock';

export interface PreDeliveryDeps {
  sqlite: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  timeline: Timeline;
  audit: (e: AuditInput) => void;
  checker: CardChecker;
  checkAll: (keys: CheckableKey[]) => Promise<CheckOutcome[]>;
  onChanged: (lineIds: number[]) => void;
}

/** Fresh keys are checked too; a batch this bad stops being checked after so many rounds (and is logged). */
const MAX_ROUNDS = 10;
const DEAD_TEXT = { redeemed: '卡密已被使用', invalid: '卡密无效' } as const;

export async function beforeSend(d: PreDeliveryDeps, lineId: number): Promise<BeforeSend> {
  if (!d.checker.checksBeforeDelivery()) return 'ok';
  let keys = reservedKeys(d.sqlite, lineId).filter((k) => d.checker.checksBeforeDelivery(k.product_id));
  let replaced = false;
  for (let round = 0; keys.length > 0; round++) {
    if (round === MAX_ROUNDS) {
      d.log.error({ lineId, rounds: round }, 'Redemption.beforeSend: fresh keys keep failing the check; sending unchecked');
      break;
    }
    const outcomes = await d.checkAll(keys);
    for (const o of outcomes) if ('skipped' in o && o.attempted) d.log.warn({ lineId, keyId: o.key.id, reason: o.skipped }, 'Redemption.beforeSend: check failed, sending anyway');
    const dead = outcomes.flatMap((o) => ('verdict' in o && (o.verdict.status === 'redeemed' || o.verdict.status === 'invalid') ? [{ key: o.key, status: o.verdict.status }] : []));
    recordOutcomes(d, outcomes.filter((o) => !dead.some((x) => x.key.id === o.key.id)), d.clock.now());
    if (!dead.length) break;
    const settled = settle(d, lineId, dead);
    d.onChanged([lineId]);
    // Either way the line is no longer `sending` for this claim: the outbox must not call the platform.
    if (settled.kind !== 'replaced') return 'out_of_stock';
    replaced = true;
    keys = reservedKeys(d.sqlite, lineId).filter((k) => settled.fresh.includes(k.id) && d.checker.checksBeforeDelivery(k.product_id));
  }
  return replaced ? 'replaced' : 'ok';
}

type Settled = { kind: 'replaced'; fresh: number[] } | { kind: 'out_of_stock' } | { kind: 'not_sending' };

function settle(d: PreDeliveryDeps, lineId: number, dead: { key: CheckableKey; status: 'redeemed' | 'invalid' }[]): Settled {
  let notice: string | undefined;
  const out = d.sqlite.transaction((): Settled => {
    const now = d.clock.now();
    const line = fixLine(d.sqlite, lineId);
    // Someone else settled the line meanwhile (the outbox re-reads the status before sending).
    if (line.status !== 'sending') return { kind: 'not_sending' };
    const fresh: number[] = [];
    for (const status of ['redeemed', 'invalid'] as const) {
      const old = dead.filter((x) => x.status === status).map((x) => x.key);
      if (!old.length) continue;
      const swapped = swapKeys(d.sqlite, line, old, `${VOID_PREFIX.preDelivery}${DEAD_TEXT[status]}`, now);
      if (!swapped.ok) {
        notice = outOfStock(d, line, dead, now);
        return { kind: 'out_of_stock' };
      }
      fresh.push(...swapped.fresh);
    }
    const checked = stmt(d.sqlite, 'update keys set checked_at = ? where id = ?');
    for (const x of dead) checked.run(now, x.key.id);
    recordStep(d, 'redemption', line, {
      action: 'preDeliveryReplace', actor: 'system', reason: null,
      text: `发货前检查：${dead.length} 张卡密已被使用或无效，已作废并换成新卡密`,
      summary: { voided: dead.length, oldKeyIds: dead.map((x) => x.key.id).join(','), newKeyIds: fresh.join(',') },
    });
    return { kind: 'replaced', fresh };
  }).immediate();
  if (notice) d.events.emit('app.notice', { level: 'warning', kind: 'redemption', message: notice });
  return out;
}

/** Dead keys voided, every other key of the line back to stock: nothing stays reserved for a waiting line. */
function outOfStock(d: PreDeliveryDeps, line: FixLine, dead: { key: CheckableKey; status: 'redeemed' | 'invalid' }[], now: number): string {
  const voidKey = stmt(d.sqlite, `update keys set status = 'void', void_reason = ?, checked_at = ?, updated_at = ? where id = ? and status = 'reserved'`);
  for (const x of dead) voidKey.run(`${VOID_PREFIX.preDelivery}${DEAD_TEXT[x.status]}`, now, now, x.key.id);
  const released = releaseKeys(d.sqlite, line.id, now);
  const product = stmt(d.sqlite, 'select p.name, l.keys_needed from order_lines l left join products p on p.id = l.product_id where l.id = ?').get(line.id) as { name: string | null; keys_needed: number | null };
  const name = product.name ?? '商品';
  if (line.refund === 'refunded') {
    // Refunded while being checked: like the outbox, settle it as refunded rather than wait for stock.
    stmt(d.sqlite, `update order_lines set status = 'refunded', last_error = null, next_attempt_at = null, updated_at = ? where id = ?`).run(now, line.id);
    d.timeline.add(line.order_id, line.id, 'released', { keyIds: released });
  } else {
    const error = `缺货：发货前检查发现 ${dead.length} 张卡密已被使用或无效（已作废），「${name}」可用卡密不足，补货后自动发货`;
    // No platform call was made: the claim's attempt does not count.
    stmt(d.sqlite, `update order_lines set status = 'out_of_stock', last_error = ?, next_attempt_at = null, attempts = max(attempts - 1, 0), updated_at = ? where id = ?`).run(error, now, line.id);
    d.timeline.add(line.order_id, line.id, 'out_of_stock', { productId: line.product_id, keysNeeded: product.keys_needed });
  }
  recordStep(d, 'redemption', line, {
    action: 'preDeliveryOutOfStock', actor: 'system', reason: null,
    text: `发货前检查：${dead.length} 张卡密已被使用或无效，已作废；库存不足以换新，${released.length} 张卡密退回库存`,
    summary: { voided: dead.length, releasedKeys: released.length },
  });
  return `「${name}」发货前检查发现卡密已被使用或无效，库存不足以换新：订单 ${line.platform_order_id} 在等待补货`;
}

function reservedKeys(sqlite: Database.Database, lineId: number): CheckableKey[] {
  return stmt(sqlite, `select k.id, k.product_id, k.card_no, k.secret_sealed, k.secret_index from line_keys lk join keys k on k.id = lk.key_id
      where lk.line_id = ? and lk.exclusive = 1 and k.status = 'reserved' order by k.id`).all(lineId) as CheckableKey[];
}
