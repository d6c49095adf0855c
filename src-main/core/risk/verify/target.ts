// Where a line's code goes: a 独立站 order back to its site (the site shows or mails it to its buyer),
// otherwise by SMS to the phone the order carried (order_signals, sealed at capture by the risk engine).
import { stmt } from '../../db/statements.js';
import type { VerifyDeps } from './index.js';
import { maskPhone, normalisePhone } from './code.js';
import { smsAccount } from './sms-settings.js';
import type { SmsAccount } from './sms-gateway.js';

export const NO_PHONE = '买家没有留手机号，无法发送验证码，请人工核实后放行';

export interface LineRef {
  lineId: number;
  orderId: number;
  shopId: number;
  platform: string;
  platformOrderId: string;
  platformLineId: string;
}

export type Target =
  | { via: 'sms'; phone: string; toMasked: string; account: SmsAccount }
  | { via: 'site'; toMasked: string; line: LineRef }
  | { via: 'sms' | 'site' | null; error: string };

type Deps = Pick<VerifyDeps, 'sqlite' | 'vault' | 'settings' | 'appendAudit' | 'log'>;

export function lineRef(d: Pick<VerifyDeps, 'sqlite'>, lineId: number): LineRef | undefined {
  return stmt(
    d.sqlite,
    `select l.id as lineId, l.order_id as orderId, l.shop_id as shopId, s.platform as platform,
            l.platform_order_id as platformOrderId, l.platform_line_id as platformLineId
       from order_lines l join shops s on s.id = l.shop_id where l.id = ?`,
  ).get(lineId) as LineRef | undefined;
}

/** The buyer's phone from the order's sealed signals; undefined when the order carried none. */
export function buyerPhone(d: Deps, orderId: number): string | undefined {
  const row = stmt(d.sqlite, 'select signals_sealed from order_signals where order_id = ?').get(orderId) as { signals_sealed: Buffer | null } | undefined;
  if (!row?.signals_sealed) return undefined;
  try {
    const signals = JSON.parse(d.vault.decrypt(row.signals_sealed, `signals:${orderId}`)) as { phone?: unknown };
    const phone = typeof signals.phone === 'string' ? normalisePhone(signals.phone) : '';
    return phone === '' ? undefined : phone;
  } catch (err) {
    d.log.warn({ orderId, err: (err as Error).message }, 'buyerPhone: signals unreadable');
    return undefined;
  }
}

/** Picks the channel (or names why there is none). `via` is the owner's explicit choice, when given. */
export function resolveTarget(d: Deps, line: LineRef, via?: 'sms' | 'site'): Target {
  if (via === 'site' || (via === undefined && line.platform === 'site')) {
    if (line.platform !== 'site') return { via: 'site', error: '只有独立站的订单可以把验证码发到网站，请改用短信' };
    return { via: 'site', toMasked: '独立站', line };
  }
  const phone = buyerPhone(d, line.orderId);
  if (!phone) return { via: null, error: NO_PHONE };
  const account = smsAccount(d, true);
  if (!account.ok) return { via: 'sms', error: account.message };
  return { via: 'sms', phone, toMasked: maskPhone(phone), account: account.account };
}
