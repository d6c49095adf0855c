import type Database from 'better-sqlite3';
import type { AuditEntry, AuditFacets, AuditFilter } from '../../../src-shared/contract/index.js';

/** A row of audit_log as stored. */
export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
  prev_mac: string;
  mac: string;
}

export interface Where {
  sql: string;
  params: (string | number)[];
}

const LATEST = Number.MAX_SAFE_INTEGER;

/**
 * The filter as SQL over audit_log's indexes: action (IN), (object_type, object_id) and at. A time
 * filter always has both ends, so it is a range search on audit_log_at rather than a walk of the whole
 * log. Only `actor` has no index: there are a handful of actors, so it narrows too little to earn one.
 */
export function auditWhere(f: AuditFilter): Where {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.actor !== undefined) {
    parts.push('actor = ?');
    params.push(f.actor);
  }
  const actions = f.action === undefined ? [] : [...new Set(Array.isArray(f.action) ? f.action : [f.action])];
  if (actions.length > 0) {
    parts.push(`action in (${actions.map(() => '?').join(', ')})`);
    params.push(...actions);
  }
  if (f.objectType !== undefined) {
    parts.push('object_type = ?');
    params.push(f.objectType);
    if (f.objectId !== undefined) {
      parts.push('object_id = ?');
      params.push(f.objectId);
    }
  }
  if (f.from !== undefined || f.to !== undefined) {
    parts.push('at between ? and ?');
    params.push(f.from ?? 0, f.to ?? LATEST);
  }
  return { sql: parts.length ? parts.join(' and ') : '1 = 1', params };
}

/** A stored summary is JSON the core wrote; an entry edited by hand may not be, and must still show. */
function parseSummary(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // shown as written below
  }
  return { raw: text };
}

export function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    summary: parseSummary(r.summary),
  };
}

export interface AuditPageInput extends AuditFilter {
  limit: number;
  beforeSeq?: number | undefined;
  offset?: number | undefined;
  focusSeq?: number | undefined;
}

/** Newest first. `focusSeq` moves the page to the one holding that entry (under the same filter). */
export function auditPage(sqlite: Database.Database, input: AuditPageInput): { entries: AuditEntry[]; total: number; offset: number } {
  const where = auditWhere(input);
  const before = input.beforeSeq ?? LATEST;
  const count = (extra: string, ...params: number[]) =>
    (sqlite.prepare(`select count(*) as n from audit_log where ${where.sql}${extra}`).get(...where.params, ...params) as { n: number }).n;
  // The total is every matching entry, whichever page is shown.
  const total = count('');
  let offset = input.offset ?? 0;
  if (input.focusSeq !== undefined) {
    const newer = count(' and seq > ? and seq < ?', input.focusSeq, before);
    offset = Math.floor(newer / input.limit) * input.limit;
  }
  // Seqs first (an index-only read for most filters), then only the page's rows from the table.
  const rows = sqlite
    .prepare(
      `select * from audit_log where seq in (
         select seq from audit_log where ${where.sql} and seq < ? order by seq desc limit ? offset ?
       ) order by seq desc`,
    )
    .all(...where.params, before, input.limit, offset) as AuditRow[];
  return { entries: rows.map(toEntry), total, offset };
}

/** Who, what and on which kind of object the log holds, with counts, for the filter choices. */
export function auditFacets(sqlite: Database.Database): AuditFacets {
  const facet = (column: 'actor' | 'action' | 'object_type') =>
    sqlite.prepare(`select ${column} as value, count(*) as count from audit_log group by ${column} order by count desc, value`).all() as { value: string; count: number }[];
  return { actors: facet('actor'), actions: facet('action'), objectTypes: facet('object_type') };
}
