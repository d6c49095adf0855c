// The `alerts` table: every notice the core raised, when it went out (alone or in a group) and what each
// channel answered. `sent_at` null = still waiting in its kind's window (or for the vault to open).
import { alertKind, type AlertEntry, type AlertKind, type AlertOutcome, type AlertStatus } from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';
import { stmt } from '../db/statements.js';

type Deps = Pick<CoreServices, 'sqlite' | 'clock'>;
export type Level = AlertEntry['level'];

export interface AlertRow {
  id: number;
  kind: string;
  level: Level;
  message: string;
  created_at: number;
  sent_at: number | null;
  result: string | null;
}

interface StoredResult {
  status: Exclude<AlertStatus, 'waiting'>;
  groupSize: number;
  outcomes: AlertOutcome[];
}

// Chunked: a long lock can leave thousands waiting, more than one statement should bind.
const CHUNK = 500;

export const asKind = (kind: string): AlertKind => (alertKind.options.includes(kind as AlertKind) ? (kind as AlertKind) : 'other');

export class AlertLog {
  constructor(private readonly d: Deps) {}

  add(kind: AlertKind, level: Level, message: string): number {
    return Number(stmt(this.d.sqlite, 'insert into alerts (kind, level, message, created_at) values (?, ?, ?, ?)').run(kind, level, message, this.d.clock.now()).lastInsertRowid);
  }

  rows(ids: number[]): AlertRow[] {
    const byId = new Map<number, AlertRow>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      for (const r of this.d.sqlite.prepare(`select * from alerts where id in (${chunk.map(() => '?').join(',')})`).all(...chunk) as AlertRow[]) byId.set(r.id, r);
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Alerts that never went out (the app stopped, or the vault was locked, inside their window), oldest first. */
  waiting(): AlertRow[] {
    return stmt(this.d.sqlite, 'select * from alerts where sent_at is null order by id').all() as AlertRow[];
  }

  /** Marks alerts as handled now, without outcomes yet (they are added as each channel answers). */
  close(ids: number[], status: StoredResult['status']): void {
    const result = JSON.stringify({ status, groupSize: ids.length, outcomes: [] } satisfies StoredResult);
    this.#update(ids, 'update alerts set sent_at = ?, result = ? where id in', [this.d.clock.now(), result]);
  }

  /** One channel's answer for a send: replaces that channel's earlier answer (a retry) on every alert of the send. */
  recordOutcome(ids: number[], outcome: AlertOutcome): void {
    this.d.sqlite.transaction(() => {
      for (const row of this.rows(ids)) {
        const result = parseResult(row.result) ?? { status: 'sent', groupSize: ids.length, outcomes: [] };
        result.outcomes = [...result.outcomes.filter((o) => o.channelId !== outcome.channelId), outcome]
          // Desktop first, then bots in the order they were added, whatever order their answers came in.
          .sort((a, b) => (a.channelId ?? 0) - (b.channelId ?? 0));
        stmt(this.d.sqlite, 'update alerts set result = ? where id = ?').run(JSON.stringify(result), row.id);
      }
    }).immediate();
  }

  recent(limit: number, kind?: AlertKind): AlertEntry[] {
    const rows = stmt(this.d.sqlite, 'select * from alerts where (? is null or kind = ?) order by id desc limit ?').all(kind ?? null, kind ?? null, limit) as AlertRow[];
    return rows.map((r) => {
      const result = parseResult(r.result);
      return {
        id: r.id, kind: asKind(r.kind), level: r.level, message: r.message, createdAt: r.created_at, sentAt: r.sent_at,
        status: r.sent_at === null ? 'waiting' : (result?.status ?? 'sent'), groupSize: result?.groupSize ?? 1, outcomes: result?.outcomes ?? [],
      };
    });
  }

  #update(ids: number[], sql: string, params: unknown[]): void {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      this.d.sqlite.prepare(`${sql} (${chunk.map(() => '?').join(',')})`).run(...params, ...chunk);
    }
  }
}

function parseResult(text: string | null): StoredResult | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as StoredResult;
  } catch {
    return undefined;
  }
}
