// 自动拉黑: a refund that arrives after the buyer already redeemed the keys is the classic "use it, then
// refund it" fraud. Inside the capture transaction, the buyer's identities go on the blacklist (source
// `auto`, audited); the owner is told after the commit. IPs are left out: they are too often shared.
import type { RiskSubject } from '../../../src-shared/contract/index.js';
import { stmt } from '../db/statements.js';
import type { RiskDeps } from './index.js';
import type { ListStore } from './lists.js';
import type { RiskSettingsStore } from './settings.js';

const SUBJECTS: RiskSubject[] = ['buyer', 'phone', 'email', 'device'];

export class AutoBlacklist {
  constructor(
    private readonly d: Pick<RiskDeps, 'sqlite' | 'events'>,
    private readonly lists: ListStore,
    private readonly settings: RiskSettingsStore,
  ) {}

  /** Inside the capture transaction, when the platform refunded a delivered line. */
  refundAfterDelivery(lineId: number): void {
    if (!this.settings.base().autoBlacklistRefundAfterRedeem) return;
    const line = stmt(this.d.sqlite, `select l.platform_order_id as orderNo, l.redeemed_at is not null
        or exists (select 1 from line_keys lk join keys k on k.id = lk.key_id where lk.line_id = l.id and k.redeemed_at is not null) as redeemed
      from order_lines l where l.id = ?`).get(lineId) as { orderNo: string; redeemed: number } | undefined;
    if (!line?.redeemed) return;
    const { added } = this.lists.addFromOrderTx(lineId, 'black', SUBJECTS, `卡密已核销后退款（订单 ${line.orderNo}）`, 'auto', 'system');
    if (added.length === 0) return;
    const message = `订单 ${line.orderNo} 的卡密已被使用后又退款，买家已自动加入黑名单（${added.map((e) => e.valueMasked).join('、')}）`;
    setImmediate(() => {
      // Only after the capture committed: a rolled-back batch added nothing.
      const still = stmt(this.d.sqlite, 'select 1 from risk_list_entries where id = ?').get(added[0]!.id);
      if (still) this.d.events.emit('app.notice', { level: 'warning', message, kind: 'other' });
    });
  }
}
