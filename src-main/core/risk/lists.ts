// 黑名单 / 白名单. An entry is a blind index (exact match) or, for IPs, a CIDR range in plain text; the
// value as entered is sealed (AAD `list:<id>`) for export. Every change is audited; expired entries
// never match.
import type Database from 'better-sqlite3';
import { KeyDeskError, RISK_SUBJECT_TITLES, type ListEntryView, type RiskSubject } from '../../../src-shared/contract/index.js';
import { cidrContains, parseCidr, type CidrRange, type ParsedIp } from '../../../src-shared/risk/cidr.js';
import { stmt } from '../db/statements.js';
import type { RiskDeps } from './index.js';
import { buyerListValue, listAad, normalisePhone, parseListValue } from './identity.js';
import type { SignalStore, SignalsRow } from './signals.js';

export type ListName = 'black' | 'white';
export type ListSource = 'manual' | 'import' | 'order' | 'auto';
export const LIST_TITLES: Record<ListName, string> = { black: '黑名单', white: '白名单' };
const SUBJECTS: RiskSubject[] = ['buyer', 'ip', 'device', 'phone', 'email'];

interface EntryRow {
  id: number;
  list: ListName;
  subject: RiskSubject;
  value_masked: string;
  note: string | null;
  source: ListSource;
  created_at: number;
  expires_at: number | null;
  hits: number;
}

export interface NewEntry {
  list: ListName;
  subject: RiskSubject;
  valueIndex: Buffer | null;
  cidr: string | null;
  stored: string;
  masked: string;
  note: string | null;
  source: ListSource;
  expiresAt: number | null;
}

const toView = (r: EntryRow): ListEntryView => ({
  id: r.id, list: r.list, subject: r.subject, valueMasked: r.value_masked, note: r.note, source: r.source, createdAt: r.created_at, expiresAt: r.expires_at, hits: r.hits,
});

const invalid = (field: string, message: string): KeyDeskError => new KeyDeskError('INVALID_INPUT', { issues: [{ field, message }] }, message);

type Deps = Pick<RiskDeps, 'sqlite' | 'vault' | 'clock' | 'appendAudit'>;

export class ListStore {
  /** CIDR entries per list (few; matched in memory) and whether any entry exists; dropped on every change. */
  private cidrs: Map<ListName, { id: number; range: CidrRange; expiresAt: number | null }[]> | undefined;
  private any: boolean | undefined;
  private readonly exact: Database.Statement;

  constructor(private readonly d: Deps, private readonly signals: SignalStore) {
    this.exact = stmt(d.sqlite, 'select id, expires_at from risk_list_entries where list = ? and subject = ? and value_index = ?');
  }

  /** Validates per subject; a duplicate or a bad value is refused with the field named and nothing written. */
  add(input: { list: ListName; subject: RiskSubject; value: string; note?: string | undefined; expiresAt?: number | undefined }, source: ListSource = 'manual'): ListEntryView {
    const entry = this.parse(input.list, input.subject, input.value, input.note ?? null, input.expiresAt ?? null, source);
    if (!entry.ok) throw invalid(entry.field, entry.reason);
    return this.d.sqlite.transaction(() => {
      const id = this.insert(entry.entry);
      if (id === null) throw invalid('value', `内容：已经在${LIST_TITLES[input.list]}中（${RISK_SUBJECT_TITLES[input.subject]}）`);
      this.d.appendAudit({ actor: 'owner', action: 'risk.list.add', objectType: 'risk_list', objectId: String(id), summary: {
        kind: `${input.list}:${input.subject}`, name: entry.entry.masked, reason: entry.entry.note, source,
      } });
      return this.view(id);
    }).immediate();
  }

  /** A value checked for its subject, ready to insert (import and add share it). */
  parse(list: ListName, subject: RiskSubject, value: string, note: string | null, expiresAt: number | null, source: ListSource):
    { ok: true; entry: NewEntry } | { ok: false; field: string; reason: string } {
    const parsed = parseListValue(subject, value);
    if (!parsed.ok) return { ok: false, field: 'value', reason: parsed.reason };
    if (expiresAt !== null && expiresAt <= this.d.clock.now()) return { ok: false, field: 'expiresAt', reason: '到期时间：必须晚于现在' };
    const valueIndex = parsed.kind === 'index' ? this.d.vault.blindIndex(parsed.indexText) : null;
    return { ok: true, entry: { list, subject, valueIndex, cidr: parsed.kind === 'cidr' ? parsed.cidr : null, stored: parsed.stored, masked: parsed.masked, note: note?.trim() || null, source, expiresAt } };
  }

  /** Inside a transaction. Returns the new id, or null when the value is already on that list. */
  insert(e: NewEntry): number | null {
    const now = this.d.clock.now();
    const inserted = stmt(this.d.sqlite, `insert into risk_list_entries (list, subject, value_index, cidr, value_sealed, value_masked, note, source, hits, created_at, expires_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) on conflict do nothing`).run(e.list, e.subject, e.valueIndex, e.cidr, Buffer.alloc(0), e.masked, e.note, e.source, now, e.expiresAt);
    if (inserted.changes === 0) return null;
    const id = Number(inserted.lastInsertRowid);
    stmt(this.d.sqlite, 'update risk_list_entries set value_sealed = ? where id = ?').run(this.d.vault.encrypt(e.stored, listAad(id)), id);
    this.changed();
    return id;
  }

  remove(id: number): void {
    this.d.sqlite.transaction(() => {
      const row = stmt(this.d.sqlite, 'select * from risk_list_entries where id = ?').get(id) as EntryRow | undefined;
      if (!row) throw new KeyDeskError('NOT_FOUND', { id }, `名单记录不存在（编号 ${id}），可能已被移除`);
      stmt(this.d.sqlite, 'delete from risk_list_entries where id = ?').run(id);
      this.d.appendAudit({ actor: 'owner', action: 'risk.list.remove', objectType: 'risk_list', objectId: String(id), summary: { kind: `${row.list}:${row.subject}`, name: row.value_masked } });
    }).immediate();
    this.changed();
  }

  list(input: { list: ListName; subject?: RiskSubject | undefined; query?: string | undefined; offset: number; limit: number }): { entries: ListEntryView[]; total: number } {
    const where: string[] = ['list = ?'];
    const params: unknown[] = [input.list];
    if (input.subject) {
      where.push('subject = ?');
      params.push(input.subject);
    }
    const q = input.query?.trim();
    if (q) {
      // Values are blind indexes: an exact value is found by its index, masks and notes by their text.
      const indexes = (input.subject ? [input.subject] : SUBJECTS).flatMap((s) => {
        const p = parseListValue(s, q);
        return p.ok && p.kind === 'index' ? [this.d.vault.blindIndex(p.indexText)] : [];
      });
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`(value_masked like ? escape '\\' or note like ? escape '\\' or cidr like ? escape '\\'${indexes.length ? ` or value_index in (${indexes.map(() => '?').join(', ')})` : ''})`);
      params.push(like, like, like, ...indexes);
    }
    const sql = where.join(' and ');
    const total = (this.d.sqlite.prepare(`select count(*) as n from risk_list_entries where ${sql}`).get(...params) as { n: number }).n;
    const rows = this.d.sqlite.prepare(`select * from risk_list_entries where ${sql} order by id desc limit ? offset ?`).all(...params, input.limit, input.offset) as EntryRow[];
    return { entries: rows.map(toView), total };
  }

  view(id: number): ListEntryView {
    const row = stmt(this.d.sqlite, 'select * from risk_list_entries where id = ?').get(id) as EntryRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { id }, `名单记录不存在（编号 ${id}）`);
    return toView(row);
  }

  /**
   * Inside a transaction: copies the order's identities onto a list. Subjects the order does not carry
   * (淘宝 gives no phone…) or already listed are reported as skipped.
   */
  addFromOrderTx(lineId: number, list: ListName, subjects: RiskSubject[], note: string | null, source: ListSource, actor: string):
    { added: ListEntryView[]; skipped: { subject: RiskSubject; reason: string }[] } {
    const line = stmt(this.d.sqlite, 'select order_id, platform_order_id from order_lines where id = ?').get(lineId) as { order_id: number; platform_order_id: string } | undefined;
    if (!line) throw new KeyDeskError('NOT_FOUND', { lineId }, `订单行不存在（编号 ${lineId}）`);
    const row = this.signals.get(line.order_id);
    const raw = row ? this.signals.open(row) : null;
    const buyerMasked = (stmt(this.d.sqlite, 'select buyer_masked as m from orders where id = ?').get(line.order_id) as { m: string }).m;
    const added: ListEntryView[] = [];
    const skipped: { subject: RiskSubject; reason: string }[] = [];
    for (const subject of [...new Set(subjects)]) {
      const from = row && raw ? orderValue(subject, row, raw, buyerMasked) : null;
      if (!from) {
        skipped.push({ subject, reason: `这笔订单没有${RISK_SUBJECT_TITLES[subject]}信息` });
        continue;
      }
      const id = this.insert({ list, subject, ...from, note, source, expiresAt: null });
      if (id === null) {
        skipped.push({ subject, reason: `已经在${LIST_TITLES[list]}中` });
        continue;
      }
      this.d.appendAudit({ actor, action: source === 'auto' ? 'risk.list.auto' : 'risk.list.add', objectType: 'risk_list', objectId: String(id), summary: {
        kind: `${list}:${subject}`, name: from.masked, order: line.platform_order_id, reason: note, source,
      } });
      added.push(this.view(id));
    }
    return { added, skipped };
  }

  addFromOrder(lineId: number, list: ListName, subjects: RiskSubject[], note: string | null) {
    return this.d.sqlite.transaction(() => this.addFromOrderTx(lineId, list, subjects, note, 'order', 'owner')).immediate();
  }

  /** True when some CIDR range on a list exists: only then does matching need the order's raw IP. */
  hasCidrs(): boolean {
    const cidrs = this.loadCidrs();
    return (cidrs.get('black')?.length ?? 0) + (cidrs.get('white')?.length ?? 0) > 0;
  }

  /** `${list}:${subject}` → unexpired entry ids the order's identities are on. */
  match(row: SignalsRow | undefined, ip: ParsedIp | null, now: number): Map<string, number[]> {
    const out = new Map<string, number[]>();
    if (!this.hasAny()) return out;
    const hit = (key: string, id: number): void => {
      const ids = out.get(key);
      if (ids) ids.push(id);
      else out.set(key, [id]);
    };
    const live = (e: { expires_at: number | null }): boolean => e.expires_at === null || e.expires_at > now;
    for (const list of ['black', 'white'] as const) {
      if (row) {
        for (const [subject, values] of identityChecks(row)) {
          for (const v of values) {
            const e = this.exact.get(list, subject, v) as { id: number; expires_at: number | null } | undefined;
            if (e && live(e)) hit(`${list}:${subject}`, e.id);
          }
        }
      }
      if (ip) for (const c of this.loadCidrs().get(list) ?? []) if (live({ expires_at: c.expiresAt }) && cidrContains(c.range, ip)) hit(`${list}:ip`, c.id);
    }
    return out;
  }

  bumpHits(ids: Iterable<number>): void {
    const bump = stmt(this.d.sqlite, 'update risk_list_entries set hits = hits + 1 where id = ?');
    for (const id of ids) bump.run(id);
  }

  /** Every entry's plaintext value, for export (the caller audits). */
  *plaintext(list: ListName): Generator<{ subject: RiskSubject; value: string; note: string | null; source: ListSource; createdAt: number; expiresAt: number | null; hits: number }> {
    let after = 0;
    for (;;) {
      const rows = stmt(this.d.sqlite, 'select id, subject, value_sealed, note, source, created_at, expires_at, hits from risk_list_entries where list = ? and id > ? order by id limit 1000')
        .all(list, after) as { id: number; subject: RiskSubject; value_sealed: Buffer; note: string | null; source: ListSource; created_at: number; expires_at: number | null; hits: number }[];
      if (!rows.length) return;
      for (const r of rows) {
        yield { subject: r.subject, value: this.d.vault.decrypt(r.value_sealed, listAad(r.id)), note: r.note, source: r.source, createdAt: r.created_at, expiresAt: r.expires_at, hits: r.hits };
      }
      after = rows.at(-1)!.id;
    }
  }

  private changed(): void {
    this.cidrs = undefined;
    this.any = undefined;
  }

  private hasAny(): boolean {
    this.any ??= (stmt(this.d.sqlite, 'select exists (select 1 from risk_list_entries) as e').get() as { e: number }).e === 1;
    return this.any;
  }

  private loadCidrs(): Map<ListName, { id: number; range: CidrRange; expiresAt: number | null }[]> {
    if (this.cidrs) return this.cidrs;
    const map = new Map<ListName, { id: number; range: CidrRange; expiresAt: number | null }[]>();
    for (const r of stmt(this.d.sqlite, 'select id, list, cidr, expires_at from risk_list_entries where cidr is not null').all() as { id: number; list: ListName; cidr: string; expires_at: number | null }[]) {
      const parsed = parseCidr(r.cidr);
      if (!parsed.ok) continue;
      const entries = map.get(r.list) ?? [];
      entries.push({ id: r.id, range: parsed.range, expiresAt: r.expires_at });
      map.set(r.list, entries);
    }
    this.cidrs = map;
    return map;
  }
}

/** Which indexes of an order each subject is checked with: `buyer` is any of the buyer's identities. */
function identityChecks(row: SignalsRow): [RiskSubject, Buffer[]][] {
  const one = (b: Buffer | null): Buffer[] => (b ? [b] : []);
  const buyer: Buffer[] = [];
  for (const b of [row.buyer_key, row.buyer_id_index, row.nick_index, row.phone_index, row.email_index]) {
    if (b && !buyer.some((x) => x.equals(b))) buyer.push(b);
  }
  return [['buyer', buyer], ['phone', one(row.phone_index)], ['email', one(row.email_index)], ['device', one(row.device_index)], ['ip', one(row.ip_index)]];
}

/** The order's identity for a subject: its index as captured, the value to seal, the mask to show. */
function orderValue(subject: RiskSubject, row: SignalsRow, raw: ReturnType<SignalStore['open']>, buyerMasked: string): { valueIndex: Buffer; cidr: null; stored: string; masked: string } | null {
  switch (subject) {
    case 'buyer': {
      const stored = buyerListValue(raw, row.platform);
      return row.buyer_key && stored ? { valueIndex: row.buyer_key, cidr: null, stored, masked: row.phone_masked ?? row.email_masked ?? buyerMasked } : null;
    }
    case 'phone':
      return row.phone_index && raw.phone ? { valueIndex: row.phone_index, cidr: null, stored: normalisePhone(raw.phone) ?? raw.phone, masked: row.phone_masked ?? '' } : null;
    case 'email':
      return row.email_index && raw.email ? { valueIndex: row.email_index, cidr: null, stored: raw.email.trim().toLowerCase(), masked: row.email_masked ?? '' } : null;
    case 'device':
      return row.device_index && raw.device ? { valueIndex: row.device_index, cidr: null, stored: raw.device, masked: row.device_masked ?? '' } : null;
    case 'ip':
      return row.ip_index && raw.ip ? { valueIndex: row.ip_index, cidr: null, stored: raw.ip, masked: raw.ip } : null;
  }
}
