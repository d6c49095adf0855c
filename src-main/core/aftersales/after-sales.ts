// 售后 desk: the problem queue, the owner's fixes, the per-line ledger and batch quality, behind one class
// the API handlers call. Sending is left to the outbox (kicked after a fix re-queues a line).
import type Database from 'better-sqlite3';
import type { Problem, ProblemKind } from '../../../src-shared/contract/index.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { Timeline } from '../orders/timeline.js';
import type { Vault } from '../vault/vault.js';
import { Fixes, type FixDone } from './fixes.js';
import { lineLedger, type LedgerEntry } from './ledger.js';
import { batchQuality, type BatchQuality } from './quality.js';
import { ProblemQueue, type QueueInput } from './queue.js';

export interface AfterSalesDeps {
  sqlite: Database.Database;
  vault: Vault;
  clock: Clock;
  appendAudit: (entry: AuditInput) => void;
  /** The delivery outbox's kick(): a re-sent or replaced line is waiting in `reserved`. */
  kickOutbox: () => void;
  /** Redemption.checkable: whether 查询核销 is offered for a product's keys. Absent = never. */
  checkable?: (productId: number) => boolean;
  /** A fix changed the line: OrderDesk.feed.changed([], lineIds), so open screens reload. */
  onChanged?: (lineIds: number[]) => void;
}

export class AfterSales {
  private readonly problems: ProblemQueue;
  private readonly fixes: Fixes;

  constructor(private readonly d: AfterSalesDeps) {
    const timeline = new Timeline(d.sqlite, d.vault, d.clock);
    this.problems = new ProblemQueue(d.sqlite, d.vault, d.checkable ?? (() => false));
    this.fixes = new Fixes({ sqlite: d.sqlite, vault: d.vault, clock: d.clock, timeline, audit: d.appendAudit, kickOutbox: d.kickOutbox });
  }

  queue(input: { kind?: ProblemKind | undefined; search?: string | undefined; limit: number }): { problems: Problem[]; counts: Record<string, number> } {
    return this.problems.queue(input satisfies QueueInput);
  }

  ledger(lineId: number): LedgerEntry[] {
    return lineLedger(this.d.sqlite, lineId);
  }

  batchQuality(productId?: number): BatchQuality[] {
    return batchQuality(this.d.sqlite, productId);
  }

  reportInvalid(lineId: number, reason: string): FixDone {
    return this.changed(lineId, this.fixes.reportInvalid(lineId, reason));
  }

  resend(lineId: number, reason: string): FixDone {
    return this.changed(lineId, this.fixes.resend(lineId, reason));
  }

  replace(lineId: number, reason: string, keyIds?: number[]): FixDone {
    return this.changed(lineId, this.fixes.replace(lineId, reason, keyIds));
  }

  markRedeemed(lineId: number, reason: string): FixDone {
    return this.changed(lineId, this.fixes.markRedeemed(lineId, reason));
  }

  recordRefund(lineId: number, amountFen: number, reason: string): FixDone {
    return this.changed(lineId, this.fixes.recordRefund(lineId, amountFen, reason));
  }

  claim(lineId: number, keyIds: number[], reason: string): FixDone {
    return this.changed(lineId, this.fixes.claim(lineId, keyIds, reason));
  }

  resolve(lineId: number, reason: string): FixDone {
    return this.changed(lineId, this.fixes.resolve(lineId, reason));
  }

  private changed(lineId: number, done: FixDone): FixDone {
    this.d.onChanged?.([lineId]);
    return done;
  }
}
