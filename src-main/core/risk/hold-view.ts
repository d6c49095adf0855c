// The held queue as the risk screen shows it: the decision, the order, and its signals masked (never a
// full phone, email or device id), with velocity counts and list membership as of now.
import type Database from 'better-sqlite3';
import { riskDecision, type RiskHoldView, type RiskSignalsView, type RiskSubject, type VerifyStateView } from '../../../src-shared/contract/index.js';
import type { PlatformName } from '../../../src-shared/contract/index.js';
import { parseIp } from '../../../src-shared/risk/cidr.js';
import type { FactSource } from './facts.js';
import type { ListStore, ListName } from './lists.js';
import type { SignalStore } from './signals.js';

export interface HoldRow {
  line_id: number;
  action: 'review' | 'verify' | 'delay' | 'block';
  decision: string;
  status: RiskHoldView['status'];
  held_at: number;
  deadline_at: number;
  release_at: number | null;
  alerted_at: number | null;
  decided_at: number | null;
  decided_by: string | null;
  note: string | null;
  order_id: number;
  shop_id: number;
  shop_name: string;
  platform: PlatformName;
  platform_order_id: string;
  title: string;
  product_name: string | null;
  quantity: number;
  price_fen: number;
  paid_at: number | null;
  buyer_masked: string;
  risk_flags: string | null;
  line_status: string;
}

export const HOLD_SELECT = `select h.*, l.order_id, l.shop_id, s.name as shop_name, s.platform, l.platform_order_id, l.title, p.name as product_name, l.quantity,
    l.price_fen, l.paid_at, o.buyer_masked, o.risk_flags, l.status as line_status
  from risk_holds h join order_lines l on l.id = h.line_id join orders o on o.id = l.order_id join shops s on s.id = l.shop_id
  left join products p on p.id = l.product_id`;

export class HoldViews {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly signals: SignalStore,
    private readonly facts: FactSource,
    private readonly lists: ListStore,
    private readonly verifyState: (lineId: number) => VerifyStateView | null,
  ) {}

  row(lineId: number): HoldRow | undefined {
    return this.sqlite.prepare(`${HOLD_SELECT} where h.line_id = ?`).get(lineId) as HoldRow | undefined;
  }

  view(r: HoldRow, now: number): RiskHoldView {
    return {
      lineId: r.line_id, orderId: r.order_id, shopId: r.shop_id, shopName: r.shop_name, platform: r.platform, platformOrderId: r.platform_order_id,
      title: r.title, productName: r.product_name, quantity: r.quantity, amountFen: r.price_fen * r.quantity, paidAt: r.paid_at,
      decision: riskDecision.parse(JSON.parse(r.decision)), status: r.status, heldAt: r.held_at, deadlineAt: r.deadline_at, releaseAt: r.release_at,
      alertedAt: r.alerted_at, decidedAt: r.decided_at, decidedBy: r.decided_by, note: r.note,
      signals: this.signalsOf(r, now),
      verify: r.action === 'verify' ? this.verifyState(r.line_id) : null,
    };
  }

  private signalsOf(r: HoldRow, now: number): RiskSignalsView {
    const row = this.signals.get(r.order_id);
    const raw = row ? this.signals.open(row) : null;
    const ip = raw?.ip ? parseIp(raw.ip) : null;
    const at = row?.at ?? r.paid_at ?? r.held_at;
    const lists = [...this.lists.match(row, ip, now).keys()].map((k) => {
      const [list, subject] = k.split(':') as [ListName, RiskSubject];
      return { list, subject };
    });
    return {
      buyerMasked: r.buyer_masked,
      phoneMasked: row?.phone_masked ?? null,
      emailMasked: row?.email_masked ?? null,
      ip: raw?.ip ?? null,
      deviceMasked: row?.device_masked ?? null,
      riskFlags: r.risk_flags ? (JSON.parse(r.risk_flags) as string[]) : [],
      newBuyer: this.facts.newBuyer(row) ?? false,
      velocity: {
        buyerHour: this.facts.velocity(row, 'buyer', 60, at) ?? 1,
        buyerDay: this.facts.velocity(row, 'buyer', 24 * 60, at) ?? 1,
        ipHour: this.facts.velocity(row, 'ip', 60, at),
        deviceHour: this.facts.velocity(row, 'device', 60, at),
      },
      lists,
    };
  }
}
