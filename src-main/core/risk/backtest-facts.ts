// The backtest's facts, computed in memory from an ordered stream of orders: velocity over sliding
// windows, "new buyer" from a seen-set (plus one probe per buyer into the history before the stream),
// lists as they are now. Lazy like the hook's facts; no closures per order (100,000 orders per run).
import type Database from 'better-sqlite3';
import type { PlatformName, RiskSubject } from '../../../src-shared/contract/index.js';
import { cidrContains, parseCidr, parseIp, type CidrRange, type ParsedIp } from '../../../src-shared/risk/cidr.js';
import type { RiskFacts, SignalSubject, TextSubject, VelocitySubject } from './engine.js';
import { textOf } from './facts.js';
import { signalsAad, type RawSignals } from './identity.js';
import type { Vault } from '../vault/vault.js';

/** One joined row: an order's signals and one of its lines. Identity indexes as hex (map keys without a Buffer each). */
export interface StreamRow {
  order_id: number;
  at: number;
  shop_id: number;
  platform: PlatformName;
  amount_fen: number;
  buyer_key?: string | null;
  buyer_id_index?: string | null;
  nick_index?: string | null;
  phone_index?: string | null;
  email_index?: string | null;
  ip_index?: string | null;
  device_index?: string | null;
  /** Present when the page read the sealed signals along (rules made only of text conditions). */
  signals_sealed?: Buffer | null;
  risk_flags?: string | null;
  line_id: number | null;
  product_id: number | null;
  quantity: number | null;
  price_fen: number | null;
  refund: string | null;
  paid_at: number | null;
}

export const VELOCITY_COLUMN: Record<VelocitySubject, 'buyer_key' | 'ip_index' | 'device_index'> = { buyer: 'buyer_key', ip: 'ip_index', device: 'device_index' };

/** Times per identity within a window; `count` drops what fell out (times only ever grow). */
export class SlidingCounts {
  private readonly times = new Map<string, { at: number[]; head: number }>();
  constructor(readonly windowMs: number) {}

  add(key: string, at: number): void {
    const t = this.times.get(key);
    if (t) t.at.push(at);
    else this.times.set(key, { at: [at], head: 0 });
  }

  /** Entries in (at − window, at]: the caller has added every order up to this one, in (at, id) order. */
  count(key: string, at: number): number {
    const t = this.times.get(key);
    if (!t) return 0;
    const floor = at - this.windowMs;
    while (t.head < t.at.length && t.at[t.head]! <= floor) t.head++;
    if (t.head > 1024 && t.head * 2 > t.at.length) {
      t.at = t.at.slice(t.head);
      t.head = 0;
    }
    return t.at.length - t.head;
  }
}

/** Every unexpired list entry in memory: exact values by hex index, CIDR ranges per list. */
export class ListSnapshot {
  private readonly exact = new Map<string, Set<string>>();
  private readonly cidrs: { list: string; range: CidrRange }[] = [];

  constructor(sqlite: Database.Database, now: number) {
    for (const r of sqlite.prepare('select list, subject, hex(value_index) as v, cidr from risk_list_entries where expires_at is null or expires_at > ?').all(now) as
      { list: string; subject: RiskSubject; v: string; cidr: string | null }[]) {
      if (r.v) {
        const k = `${r.list}:${r.subject}`;
        const set = this.exact.get(k) ?? new Set<string>();
        set.add(r.v);
        this.exact.set(k, set);
      } else if (r.cidr) {
        const p = parseCidr(r.cidr);
        if (p.ok) this.cidrs.push({ list: r.list, range: p.range });
      }
    }
  }

  get hasCidrs(): boolean {
    return this.cidrs.length > 0;
  }

  match(o: StreamRow, ip: ParsedIp | null): Set<string> {
    const out = new Set<string>();
    for (const list of ['black', 'white']) {
      this.on(out, list, 'buyer', o.buyer_key, o.buyer_id_index, o.nick_index, o.phone_index, o.email_index);
      this.on(out, list, 'phone', o.phone_index);
      this.on(out, list, 'email', o.email_index);
      this.on(out, list, 'device', o.device_index);
      this.on(out, list, 'ip', o.ip_index);
      if (ip && this.cidrs.some((c) => c.list === list && cidrContains(c.range, ip))) out.add(`${list}:ip`);
    }
    return out;
  }

  private on(out: Set<string>, list: string, subject: RiskSubject, ...values: (string | null | undefined)[]): void {
    const set = this.exact.get(`${list}:${subject}`);
    if (!set) return;
    for (const v of values) {
      if (v && set.has(v)) {
        out.add(`${list}:${subject}`);
        return;
      }
    }
  }
}

/** What the facts of every order share. */
export class StreamContext {
  readonly seenInStream = new Set<string>();
  private readonly knownBefore = new Map<string, boolean>();
  private readonly ips = new Map<string, ParsedIp | null>();
  /** One IP index is one address: the signals are opened once per address for CIDR lists. */
  readonly ipByIndex = new Map<string, ParsedIp | null>();
  private readonly probe: Database.Statement;
  private readonly sealed: Database.Statement;

  constructor(sqlite: Database.Database, private readonly vault: Vault, readonly lists: ListSnapshot | undefined, private readonly streamFrom: number) {
    this.probe = sqlite.prepare('select 1 from order_signals where buyer_key = ? and at <= ? limit 1');
    this.sealed = sqlite.prepare('select signals_sealed from order_signals where order_id = ?').pluck();
  }

  /** The order's raw signals, opened (read by primary key unless the page brought them). */
  open(o: StreamRow): RawSignals | null {
    const sealed = o.signals_sealed !== undefined ? o.signals_sealed : (this.sealed.get(o.order_id) as Buffer | null | undefined);
    return sealed ? (JSON.parse(this.vault.decrypt(sealed, signalsAad(o.order_id))) as RawSignals) : null;
  }

  /** An earlier order in the stream, or any order before it (one indexed probe per buyer). */
  seenBefore(buyer: string): boolean {
    if (this.seenInStream.has(buyer)) return true;
    let known = this.knownBefore.get(buyer);
    if (known === undefined) this.knownBefore.set(buyer, (known = this.probe.get(Buffer.from(buyer, 'hex'), this.streamFrom) !== undefined));
    return known;
  }

  ipOf(text: string): ParsedIp | null {
    let ip = this.ips.get(text);
    if (ip === undefined) this.ips.set(text, (ip = parseIp(text)));
    return ip;
  }
}

const NONE: ReadonlySet<string> = new Set();
const NO_TEXT: RiskFacts['text'] = {};

export class OrderFacts implements RiskFacts {
  readonly at: number;
  readonly amountFen: number;
  readonly shopId: number;
  readonly platform: PlatformName;
  readonly riskFlags: readonly string[];
  readonly present: Readonly<Record<SignalSubject, boolean>>;
  quantity = 0;
  productId: number | null = null;
  private rawSignals: RawSignals | null | undefined;
  private parsedIp: ParsedIp | null | undefined;
  private listed: ReadonlySet<string> | undefined;
  private isNew: boolean | null | undefined;
  private texts: RiskFacts['text'] | undefined;

  constructor(private readonly ctx: StreamContext, private readonly o: StreamRow, readonly velocity: Map<string, number | null>) {
    this.at = o.at;
    this.amountFen = o.amount_fen;
    this.shopId = o.shop_id;
    this.platform = o.platform;
    this.riskFlags = o.risk_flags ? (JSON.parse(o.risk_flags) as string[]) : [];
    this.present = { phone: o.phone_index != null, email: o.email_index != null, ip: o.ip_index != null, device: o.device_index != null };
  }

  get newBuyer(): boolean | null {
    if (this.isNew === undefined) this.isNew = this.o.buyer_key ? !this.ctx.seenBefore(this.o.buyer_key) : null;
    return this.isNew;
  }

  get lists(): ReadonlySet<string> {
    if (this.listed) return this.listed;
    const lists = this.ctx.lists;
    if (!lists) return (this.listed = NONE);
    return (this.listed = lists.match(this.o, lists.hasCidrs ? this.ip : null));
  }

  get text(): Readonly<Partial<Record<TextSubject, string>>> {
    if (this.texts === undefined) {
      const raw = this.raw();
      this.texts = raw ? textOf(raw) : NO_TEXT;
    }
    return this.texts;
  }

  /** One IP index is one address (the index is of its canonical form): opened once per address. */
  get ip(): ParsedIp | null {
    if (this.parsedIp !== undefined) return this.parsedIp;
    const index = this.o.ip_index;
    if (index === null) return (this.parsedIp = null);
    const known = index === undefined ? undefined : this.ctx.ipByIndex.get(index);
    if (known !== undefined) return (this.parsedIp = known);
    const text = this.raw()?.ip;
    this.parsedIp = text ? this.ctx.ipOf(text) : null;
    if (index) this.ctx.ipByIndex.set(index, this.parsedIp);
    return this.parsedIp;
  }

  private raw(): RawSignals | null {
    if (this.rawSignals === undefined) this.rawSignals = this.ctx.open(this.o);
    return this.rawSignals;
  }
}
