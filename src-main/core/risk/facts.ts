// The facts of one order, each computed on first use with indexed queries: velocity counts over the
// (identity, at) indexes, "new buyer" as one indexed probe, lists as point lookups, the sealed signals
// opened only when a text / IP rule (or a CIDR list entry) reaches them. A rule that fails on the amount
// costs no query at all.
import type Database from 'better-sqlite3';
import type { PlatformName } from '../../../src-shared/contract/index.js';
import { parseIp, type ParsedIp } from '../../../src-shared/risk/cidr.js';
import { stmt } from '../db/statements.js';
import type { RiskFacts, VelocitySubject } from './engine.js';
import type { RawSignals } from './identity.js';
import type { ListStore } from './lists.js';
import type { SignalStore, SignalsRow } from './signals.js';

export interface OrderBasics {
  orderId: number;
  shopId: number;
  platform: PlatformName;
  amountFen: number;
  quantity: number;
  productId: number | null;
  riskFlags: string[];
  paidAt: number;
}

export interface ComputedFacts {
  facts: RiskFacts;
  signals: SignalsRow | undefined;
  /** `${list}:${subject}` → list entry ids, if a rule looked at the lists (for hit counts). */
  listEntries(): Map<string, number[]>;
}

const MINUTE = 60_000;

const COLUMN: Record<VelocitySubject, 'buyer_key' | 'ip_index' | 'device_index'> = { buyer: 'buyer_key', ip: 'ip_index', device: 'device_index' };

interface Once<T> {
  (): T;
  /** Whether it was ever called. */
  readonly done: boolean;
}

/** Computes on first call, then answers the same. */
export function once<T>(f: () => T): Once<T> {
  let done = false;
  let value: T;
  const get = (() => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  }) as Once<T>;
  Object.defineProperty(get, 'done', { get: () => done });
  return get;
}

export class FactSource {
  private readonly counts: Record<VelocitySubject, Database.Statement>;
  private readonly earlier: Database.Statement;

  constructor(private readonly sqlite: Database.Database, private readonly signals: SignalStore, private readonly lists: ListStore) {
    this.counts = {
      buyer: stmt(sqlite, 'select count(*) as n from order_signals where buyer_key = ? and at > ? and (at < ? or (at = ? and order_id <= ?))'),
      ip: stmt(sqlite, 'select count(*) as n from order_signals where ip_index = ? and at > ? and (at < ? or (at = ? and order_id <= ?))'),
      device: stmt(sqlite, 'select count(*) as n from order_signals where device_index = ? and at > ? and (at < ? or (at = ? and order_id <= ?))'),
    };
    // Earlier = before in time, or at the same moment with a smaller id (the backtest's order too).
    this.earlier = stmt(sqlite, 'select 1 from order_signals where buyer_key = ? and at <= ? and (at < ? or order_id < ?) limit 1');
  }

  /**
   * Orders by this identity in (at − window, at], the order itself included, orders of the same moment only
   * up to this one (by id): four orders paid in one second are 1st…4th, not four 4ths. Null when it has none.
   */
  velocity(row: SignalsRow | undefined, subject: VelocitySubject, windowMinutes: number, at: number): number | null {
    const key = row?.[COLUMN[subject]] ?? null;
    if (key === null) return null;
    return (this.counts[subject].get(key, at - windowMinutes * MINUTE, at, at, row?.order_id ?? Number.MAX_SAFE_INTEGER) as { n: number }).n;
  }

  newBuyer(row: SignalsRow | undefined): boolean | null {
    if (!row?.buyer_key) return null;
    return this.earlier.get(row.buyer_key, row.at, row.at, row.order_id) === undefined;
  }

  compute(order: OrderBasics, now: number): ComputedFacts {
    const row = this.signals.get(order.orderId);
    const at = row?.at ?? order.paidAt;
    const raw = once((): RawSignals | null => (row?.signals_sealed ? this.signals.open(row) : null));
    const ip = once((): ParsedIp | null => {
      const text = raw()?.ip;
      return text ? parseIp(text) : null;
    });
    // The raw IP is needed for lists only when some CIDR range is listed.
    const listEntries = once(() => this.lists.match(row, row?.ip_index && this.lists.hasCidrs() ? ip() : null, now));
    const lists = once(() => new Set(listEntries().keys()));
    const newBuyer = once(() => this.newBuyer(row));
    const text = once(() => {
      const r = raw();
      return r ? textOf(r) : {};
    });
    const counted = new Map<string, number | null>();
    const facts: RiskFacts = {
      at, amountFen: row?.amount_fen ?? order.amountFen, quantity: order.quantity, productId: order.productId, shopId: order.shopId, platform: order.platform,
      riskFlags: order.riskFlags,
      velocity: {
        get: (key) => {
          if (!counted.has(key)) {
            const [subject, minutes] = key.split(':') as [VelocitySubject, string];
            counted.set(key, this.velocity(row, subject, Number(minutes), at));
          }
          return counted.get(key);
        },
      },
      get newBuyer() { return newBuyer(); },
      get lists() { return lists(); },
      present: { phone: row?.phone_index != null, email: row?.email_index != null, ip: row?.ip_index != null, device: row?.device_index != null },
      get text() { return text(); },
      get ip() { return ip(); },
    };
    return { facts, signals: row, listEntries: () => (listEntries.done ? listEntries() : new Map<string, number[]>()) };
  }
}

export function textOf(raw: RawSignals): RiskFacts['text'] {
  const text: { -readonly [K in keyof RiskFacts['text']]: string } = {};
  if (raw.nick) text.nick = raw.nick;
  if (raw.phone) text.phone = raw.phone;
  if (raw.email) text.email = raw.email;
  if (raw.device) text.device = raw.device;
  if (raw.message) text.message = raw.message;
  return text;
}
