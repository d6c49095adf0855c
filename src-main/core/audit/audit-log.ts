import type Database from 'better-sqlite3';
import type { AuditEntry, AuditFacets, AuditVerifyResult } from '../../../src-shared/contract/index.js';
import { hmacHex } from '../vault/cipher.js';
import type { Clock } from '../clock.js';
import { auditFacets, auditPage, type AuditPageInput, type AuditRow } from './audit-query.js';

/** Never a plaintext secret: summaries are shown in the audit screen and exported. */
export type AuditSummary = Record<string, string | number | boolean | null>;

export interface AuditInput {
  actor: string;
  action: string;
  objectType: string;
  objectId?: string | null;
  summary?: AuditSummary;
}

const GENESIS = '0'.repeat(64);

function macOf(key: Buffer, r: Omit<AuditRow, 'mac'>): string {
  return hmacHex(key, JSON.stringify([r.seq, r.at, r.actor, r.action, r.object_type, r.object_id, r.summary, r.prev_mac]));
}

/**
 * Append-only, HMAC-chained log. `append` must run inside the caller's transaction so the entry and
 * the change it describes land together or not at all.
 */
export class AuditLog {
  private readonly last: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly macKey: () => Buffer,
    private readonly clock: Clock,
  ) {
    this.last = sqlite.prepare('select seq, mac from audit_log order by seq desc limit 1');
    this.insert = sqlite.prepare(
      `insert into audit_log (seq, at, actor, action, object_type, object_id, summary, prev_mac, mac)
       values (@seq, @at, @actor, @action, @object_type, @object_id, @summary, @prev_mac, @mac)`,
    );
  }

  append(input: AuditInput): number {
    if (!this.sqlite.inTransaction) throw new Error('AuditLog.append must run inside the change transaction');
    const prev = this.last.get() as { seq: number; mac: string } | undefined;
    const row = {
      seq: (prev?.seq ?? 0) + 1,
      at: this.clock.now(),
      actor: input.actor,
      action: input.action,
      object_type: input.objectType,
      object_id: input.objectId ?? null,
      summary: JSON.stringify(input.summary ?? {}),
      prev_mac: prev?.mac ?? GENESIS,
    };
    this.insert.run({ ...row, mac: macOf(this.macKey(), row) });
    return row.seq;
  }

  /** Re-walks the whole chain; the first entry whose MAC, link or sequence is wrong is named. */
  verify(): AuditVerifyResult {
    const key = this.macKey();
    let expectedSeq = 1;
    let prevMac = GENESIS;
    let entries = 0;
    const rows = this.sqlite.prepare('select * from audit_log order by seq').iterate() as IterableIterator<AuditRow>;
    for (const r of rows) {
      const broken = (reason: string): AuditVerifyResult => ({ ok: false, entries, firstBroken: { seq: r.seq, at: r.at, reason } });
      if (r.seq !== expectedSeq) return broken(`序号不连续：应为 ${expectedSeq}，实际为 ${r.seq}（记录被删除或插入）`);
      if (r.prev_mac !== prevMac) return broken('与上一条记录的链接不符');
      if (macOf(key, r) !== r.mac) return broken('内容被改动（校验码不符）');
      entries++;
      expectedSeq++;
      prevMac = r.mac;
    }
    return { ok: true, entries };
  }

  list(limit: number, beforeSeq?: number): { entries: AuditEntry[]; total: number } {
    const { entries, total } = auditPage(this.sqlite, { limit, beforeSeq });
    return { entries, total };
  }

  /** Filtered, paged, newest first (the audit screen and `keydesk audit list`). */
  page(input: AuditPageInput): { entries: AuditEntry[]; total: number; offset: number } {
    return auditPage(this.sqlite, input);
  }

  facets(): AuditFacets {
    return auditFacets(this.sqlite);
  }
}
