import type Database from 'better-sqlite3';
import { KeyDeskError, productInput, type Product, type ProductStock, type StockCounts } from '../../../src-shared/contract/index.js';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { AuditInput } from '../audit/audit-log.js';

interface ProductRow {
  id: number;
  code: string;
  name: string;
  type: Product['type'];
  face_value_fen: number | null;
  price_fen: number;
  delivery_template: string | null;
  low_stock_threshold: number;
  reusable: number;
  created_at: number;
  archived_at: number | null;
}

export const EMPTY_COUNTS: StockCounts = { available: 0, reserved: 0, delivered: 0, redeemed: 0, void: 0, expired: 0 };
const DAY_MS = 86_400_000;

/** 商品: the catalogue the owner sells, and the stock each has. */
export class Products {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly audit: (e: AuditInput) => void,
  ) {}

  get(id: number): Product {
    const row = this.sqlite.prepare('select * from products where id = ?').get(id) as ProductRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { productId: id });
    return this.toProduct(row);
  }

  byCode(code: string): Product {
    const row = this.sqlite.prepare('select * from products where code = ?').get(code) as ProductRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { field: 'product', code }, `没有编码为 ${code} 的商品，请先用“新增商品”创建。`);
    return this.toProduct(row);
  }

  list(opts: { productCode?: string; includeArchived?: boolean } = {}): ProductStock[] {
    const rows = this.sqlite
      .prepare(`select * from products where (? or archived_at is null) and (? is null or code = ?) order by code`)
      .all(opts.includeArchived ? 1 : 0, opts.productCode ?? null, opts.productCode ?? null) as ProductRow[];
    const counts = this.sqlite.prepare('select product_id as p, status as s, sum(n) as n from stock_counts group by product_id, status').all() as { p: number; s: keyof StockCounts; n: number }[];
    // Per product, so the (product, status, expiry) index answers each with a short range scan.
    const soon = this.sqlite.prepare("select count(*) from keys where product_id = ? and status = 'available' and expires_at is not null and expires_at < ?").pluck();
    const soonLimit = this.clock.now() + 7 * DAY_MS;
    return rows.map((r) => {
      const stock = { ...EMPTY_COUNTS };
      for (const c of counts) if (c.p === r.id) stock[c.s] = c.n;
      const product = this.toProduct(r);
      return {
        ...product,
        stock,
        expiringSoon: soon.get(r.id, soonLimit) as number,
        lowStock: product.type !== 'direct' && !product.reusable && stock.available < product.lowStockThreshold,
      };
    });
  }

  save(raw: z.input<typeof productInput>): Product {
    const input = productInput.parse(raw);
    const now = this.clock.now();
    return this.sqlite.transaction(() => {
      const clash = this.sqlite.prepare('select id from products where code = ?').get(input.code) as { id: number } | undefined;
      if (clash && clash.id !== input.id) {
        throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'code', message: `商品编码 ${input.code} 已被使用` }] });
      }
      if (input.type === 'combo' && input.components.length === 0) {
        throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'components', message: '组合商品至少要包含一个子商品' }] });
      }
      const values = {
        code: input.code, name: input.name, type: input.type, face: input.faceValueFen, price: input.priceFen,
        template: input.deliveryTemplate, threshold: input.lowStockThreshold, reusable: input.reusable ? 1 : 0, now,
      };
      let id: number;
      if (input.id === undefined) {
        id = Number(this.sqlite.prepare(`insert into products (code, name, type, face_value_fen, price_fen, delivery_template, low_stock_threshold, reusable, created_at, updated_at)
          values (@code, @name, @type, @face, @price, @template, @threshold, @reusable, @now, @now)`).run(values).lastInsertRowid);
      } else {
        this.get(input.id);
        id = input.id;
        this.sqlite.prepare(`update products set code=@code, name=@name, type=@type, face_value_fen=@face, price_fen=@price, delivery_template=@template,
          low_stock_threshold=@threshold, reusable=@reusable, updated_at=@now where id=@id`).run({ ...values, id });
      }
      this.sqlite.prepare('delete from product_components where combo_id = ?').run(id);
      for (const c of input.type === 'combo' ? input.components : []) {
        if (c.productId === id) throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'components', message: '组合商品不能包含自己' }] });
        this.get(c.productId);
        this.sqlite.prepare('insert into product_components (combo_id, component_id, quantity) values (?, ?, ?)').run(id, c.productId, c.quantity);
      }
      this.audit({ actor: 'owner', action: input.id === undefined ? 'product.create' : 'product.update', objectType: 'product', objectId: String(id), summary: { code: input.code, name: input.name, priceFen: input.priceFen } });
      return this.get(id);
    }).immediate();
  }

  archive(id: number): Product {
    return this.sqlite.transaction(() => {
      const p = this.get(id);
      this.sqlite.prepare('update products set archived_at = ?, updated_at = ? where id = ?').run(this.clock.now(), this.clock.now(), id);
      this.audit({ actor: 'owner', action: 'product.archive', objectType: 'product', objectId: String(id), summary: { code: p.code } });
      return this.get(id);
    }).immediate();
  }

  private toProduct(r: ProductRow): Product {
    const components = (this.sqlite.prepare('select component_id as productId, quantity from product_components where combo_id = ?').all(r.id) as { productId: number; quantity: number }[]);
    return {
      id: r.id, code: r.code, name: r.name, type: r.type, faceValueFen: r.face_value_fen, priceFen: r.price_fen,
      deliveryTemplate: r.delivery_template, lowStockThreshold: r.low_stock_threshold, reusable: r.reusable === 1,
      components, createdAt: r.created_at, archived: r.archived_at !== null,
    };
  }
}
