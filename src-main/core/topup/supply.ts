// 供货设置: per product, how a 直充 line is topped up (supplier API or portal RPA, recharge-account rule)
// and whether a card product's keys are checked before sending / reminded when unredeemed.
import type Database from 'better-sqlite3';
import { KeyDeskError, type ProductSupply } from '../../../src-shared/contract/index.js';
import { checkAccountRegex, parseRechargeAccount, type AccountRule } from '../../../src-shared/recharge-account.js';
import type { CoreServices } from '../services.js';
import { stmt } from '../db/statements.js';

export interface SupplyRow {
  product_id: number;
  route: 'supplier' | 'rpa';
  supplier_id: number | null;
  supplier_product_id: string | null;
  portal_account_id: number | null;
  package_id: string | null;
  account_rule: AccountRule;
  account_regex: string | null;
  check_before_delivery: number;
  remind_after_days: number | null;
}

export function supplyOf(sqlite: Database.Database, productId: number): SupplyRow | undefined {
  return stmt(sqlite, 'select * from product_supply where product_id = ?').get(productId) as SupplyRow | undefined;
}

/** The account a 直充 line is recharged onto, from what the buyer gave, by the product's rule. */
export function accountFor(supply: SupplyRow | undefined, input: { field?: string | null; message?: string | null }) {
  return parseRechargeAccount(input, supply?.account_rule ?? 'phone', supply?.account_regex ?? null);
}

type Deps = Pick<CoreServices, 'sqlite' | 'clock' | 'appendAudit'>;

export class ProductSupplies {
  constructor(private readonly d: Deps) {}

  get(productId: number): ProductSupply | null {
    const r = supplyOf(this.d.sqlite, productId);
    return r ? toView(r) : null;
  }

  set(input: ProductSupply): ProductSupply {
    const product = stmt(this.d.sqlite, 'select type from products where id = ?').get(input.productId) as { type: string } | undefined;
    const bad = (path: string, message: string) => new KeyDeskError('INVALID_INPUT', { fields: [{ path, message }] }, message);
    if (!product) throw bad('productId', '商品不存在');
    if (product.type === 'direct') {
      if (input.route === 'supplier') {
        if (!input.supplierId || !stmt(this.d.sqlite, 'select 1 from suppliers where id = ?').get(input.supplierId)) throw bad('supplierId', '请选择供应商');
        if (!input.supplierProductId) throw bad('supplierProductId', '请填写供应商商品编号');
      } else {
        if (!input.portalAccountId || !stmt(this.d.sqlite, 'select 1 from portal_accounts where id = ?').get(input.portalAccountId)) throw bad('portalAccountId', '请选择充值网站账号');
        if (!input.packageId) throw bad('packageId', '请填写网站上的套餐编号');
      }
    }
    if (input.accountRule === 'regex') {
      const problem = checkAccountRegex(input.accountRegex ?? '');
      if (problem) throw bad('accountRegex', problem);
    }
    this.d.sqlite.transaction(() => {
      stmt(this.d.sqlite, `insert into product_supply (product_id, route, supplier_id, supplier_product_id, portal_account_id, package_id, account_rule, account_regex, check_before_delivery, remind_after_days, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          on conflict(product_id) do update set route = excluded.route, supplier_id = excluded.supplier_id, supplier_product_id = excluded.supplier_product_id,
            portal_account_id = excluded.portal_account_id, package_id = excluded.package_id, account_rule = excluded.account_rule, account_regex = excluded.account_regex,
            check_before_delivery = excluded.check_before_delivery, remind_after_days = excluded.remind_after_days, updated_at = excluded.updated_at`)
        .run(input.productId, input.route, input.supplierId, input.supplierProductId, input.portalAccountId, input.packageId, input.accountRule, input.accountRegex,
          input.checkBeforeDelivery ? 1 : 0, input.remindAfterDays, this.d.clock.now());
      this.d.appendAudit({ actor: 'owner', action: 'supply.set', objectType: 'product', objectId: String(input.productId), summary: { route: input.route, accountRule: input.accountRule, checkBeforeDelivery: input.checkBeforeDelivery } });
    }).immediate();
    return this.get(input.productId)!;
  }
}

function toView(r: SupplyRow): ProductSupply {
  return {
    productId: r.product_id, route: r.route, supplierId: r.supplier_id, supplierProductId: r.supplier_product_id, portalAccountId: r.portal_account_id,
    packageId: r.package_id, accountRule: r.account_rule, accountRegex: r.account_regex, checkBeforeDelivery: r.check_before_delivery === 1, remindAfterDays: r.remind_after_days,
  };
}
