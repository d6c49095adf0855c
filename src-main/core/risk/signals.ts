// order_signals: what an order carried (buyer identities, IP, device, message), written at capture in the
// capture transaction. Identities are blind indexes (equality lookups for velocity and lists); the raw
// values are sealed for regex / CIDR rules and the masked view.
import type Database from 'better-sqlite3';
import type { PlatformOrder } from '../channels/types.js';
import { stmt } from '../db/statements.js';
import type { Vault } from '../vault/vault.js';
import { identitiesOf, maskDevice, maskEmail, maskPhone, rawSignalsOf, signalsAad, type RawSignals } from './identity.js';

export interface SignalsRow {
  order_id: number;
  shop_id: number;
  platform: string;
  at: number;
  amount_fen: number;
  buyer_key: Buffer | null;
  buyer_id_index: Buffer | null;
  nick_index: Buffer | null;
  phone_index: Buffer | null;
  email_index: Buffer | null;
  ip_index: Buffer | null;
  device_index: Buffer | null;
  signals_sealed: Buffer | null;
  phone_masked: string | null;
  email_masked: string | null;
  device_masked: string | null;
  region: string | null;
}

const COLUMNS = `at, amount_fen, buyer_key, buyer_id_index, nick_index, phone_index, email_index, ip_index, device_index, signals_sealed, phone_masked, email_masked,
  device_masked, region`;
const UPDATE = `update order_signals set ${COLUMNS.split(',').map((c) => `${c.trim()} = ?`).join(', ')} where order_id = ?`;
const INSERT = `insert into order_signals (${COLUMNS}, order_id, shop_id, platform) values (${'?, '.repeat(14)}?, ?, ?)`;

export class SignalStore {
  constructor(private readonly sqlite: Database.Database, private readonly vault: Vault) {}

  /** Inside the capture transaction, after the order row was written. */
  record(orderId: number, shopId: number, platform: string, order: Pick<PlatformOrder, 'buyer' | 'buyerMessage' | 'amountFen'>): void {
    const raw = rawSignalsOf(order.buyer, order.buyerMessage);
    const ids = identitiesOf(raw, platform, (text) => this.vault.blindIndex(text));
    // Paid time once there is one (the order row keeps the first), else the moment it was first seen.
    const { at } = stmt(this.sqlite, 'select coalesce(paid_at, created_at) as at from orders where id = ?').get(orderId) as { at: number };
    const values = [at, order.amountFen, ids.buyerKey, ids.buyerId, ids.nick, ids.phone, ids.email, ids.ip, ids.device,
      this.vault.encrypt(JSON.stringify(raw), signalsAad(orderId)),
      raw.phone ? maskPhone(raw.phone) : null, raw.email ? maskEmail(raw.email) : null, raw.device ? maskDevice(raw.device) : null,
      // Province where the channel gives one (独立站): coarse, so kept plain for the 客户来源 report.
      order.buyer.region?.trim().slice(0, 20) || null];
    // Update, else insert — not an upsert: SQLite runs the report triggers' INSERT OR IGNORE under an
    // upsert's own conflict policy, so re-seeing an order whose lines wait in report_dirty would fail.
    if (stmt(this.sqlite, UPDATE).run(...values, orderId).changes === 0) stmt(this.sqlite, INSERT).run(...values, orderId, shopId, platform);
  }

  get(orderId: number): SignalsRow | undefined {
    return stmt(this.sqlite, 'select * from order_signals where order_id = ?').get(orderId) as SignalsRow | undefined;
  }

  open(row: Pick<SignalsRow, 'order_id' | 'signals_sealed'>): RawSignals {
    if (!row.signals_sealed) return { id: null, nick: null, phone: null, email: null, ip: null, device: null, message: null };
    return JSON.parse(this.vault.decrypt(row.signals_sealed, signalsAad(row.order_id))) as RawSignals;
  }
}
