// The video-membership world behind the sandbox supplier and the sandbox video portal: which accounts got
// which recharge, from where, and which card secrets exist and who redeemed them. Both simulators write
// here, so a test can ask "was this buyer topped up twice?" whichever route the top-up took.

export interface MembershipRecharge {
  /** Recharged account as typed (phone, QQ, email). */
  account: string;
  packageId: string;
  /** `supplier` (direct recharge API) or `portal` (recharge form). */
  source: 'supplier' | 'portal';
  /** customer_order_no for the supplier; the portal's own order number for the portal. */
  ref: string;
  at: number;
}

export interface MembershipCard {
  secret: string;
  cardNo: string | null;
  packageId: string;
  status: 'unused' | 'redeemed' | 'invalid';
  redeemedBy: string | null;
  redeemedAt: number | null;
}

export class MembershipWorld {
  readonly recharges: MembershipRecharge[] = [];
  private readonly cards = new Map<string, MembershipCard>();

  recharge(entry: MembershipRecharge): void {
    this.recharges.push(entry);
  }

  rechargesOf(account: string): MembershipRecharge[] {
    return this.recharges.filter((r) => r.account === account);
  }

  /** Accounts recharged more than once for the same package: the thing KeyDesk must never cause. */
  doubleTopups(): { account: string; packageId: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const r of this.recharges) counts.set(`${r.account}\u0000${r.packageId}`, (counts.get(`${r.account}\u0000${r.packageId}`) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1).map(([k, count]) => {
      const [account, packageId] = k.split('\u0000') as [string, string];
      return { account, packageId, count };
    });
  }

  issueCard(card: Omit<MembershipCard, 'status' | 'redeemedBy' | 'redeemedAt'> & { status?: MembershipCard['status'] }): MembershipCard {
    const full: MembershipCard = { status: 'unused', redeemedBy: null, redeemedAt: null, ...card };
    this.cards.set(card.secret, full);
    return full;
  }

  card(secret: string): MembershipCard | undefined {
    return this.cards.get(secret);
  }

  /** A buyer redeems a card: unused → redeemed; anything else is refused with the reason. */
  redeem(secret: string, account: string, at: number): { ok: true; card: MembershipCard } | { ok: false; reason: 'unknown' | 'redeemed' | 'invalid' } {
    const card = this.cards.get(secret);
    if (!card) return { ok: false, reason: 'unknown' };
    if (card.status !== 'unused') return { ok: false, reason: card.status };
    card.status = 'redeemed';
    card.redeemedBy = account;
    card.redeemedAt = at;
    return { ok: true, card };
  }

  /** Marks a card dead (the supplier sold a bad one): what a "buyer says invalid" claim is about. */
  invalidate(secret: string): void {
    const card = this.cards.get(secret);
    if (card) card.status = 'invalid';
  }

  reset(): void {
    this.recharges.length = 0;
    this.cards.clear();
  }
}

/** One world per sandbox process: the supplier and the portal simulators share it. */
let shared: MembershipWorld | undefined;
export function sharedMembershipWorld(): MembershipWorld {
  shared ??= new MembershipWorld();
  return shared;
}
