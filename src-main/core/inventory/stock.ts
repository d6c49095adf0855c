import type Database from 'better-sqlite3';
import { KeyDeskError, type Batch, type KeyFilter, type KeyRow, type StockCounts } from '../../../src-shared/contract/index.js';
import { maskSecret } from '../../../src-shared/mask.js';
import type { Vault } from '../vault/vault.js';
import { EMPTY_COUNTS } from './products.js';

interface KeyDbRow {
  id: number;
  product_id: number;
  batch_id: number;
  card_no: string | null;
  secret_sealed: Buffer;
  secret_index: Buffer;
  status: KeyRow['status'];
  expires_at: number | null;
  void_reason: string | null;
  created_at: number;
}

/** The AAD that binds a sealed secret to its key row: the row's blind index, known before insert. */
export function keyAad(secretIndex: Buffer): string {
  return `key:${secretIndex.toString('hex')}`;
}

/** Builds the WHERE clause for a key filter; one place so the page, the count and the export agree. */
export function keyWhere(filter: KeyFilter): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const equal = (column: string, value: string | number | undefined) => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  equal('product_id', filter.productId);
  equal('batch_id', filter.batchId);
  equal('status', filter.status);
  if (filter.cardNo) {
    // Prefix range on the card_no index; '\uffff' sorts after every character a card number has.
    clauses.push('card_no >= ? and card_no < ?');
    params.push(filter.cardNo, filter.cardNo + '\uffff');
  }
  return { sql: clauses.length ? clauses.join(' and ') : '1', params };
}

/** Read side of 库存: batches and the paged keys table, filtered in SQL, secrets masked. */
export class Stock {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly vault: Vault,
  ) {}

  batches(productId?: number): Batch[] {
    const rows = this.sqlite
      .prepare('select * from batches where (? is null or product_id = ?) order by id desc')
      .all(productId ?? null, productId ?? null) as Record<string, number | string | null>[];
    const counts = this.sqlite
      .prepare(`select batch_id as b, status as s, sum(n) as n from stock_counts where (? is null or product_id = ?) group by batch_id, status`)
      .all(productId ?? null, productId ?? null) as { b: number; s: keyof StockCounts; n: number }[];
    return rows.map((r) => {
      const stock = { ...EMPTY_COUNTS };
      for (const c of counts) if (c.b === r.id) stock[c.s] = c.n;
      return {
        id: r.id as number, productId: r.product_id as number, importId: r.import_id as number | null, supplier: r.supplier as string,
        unitCostFen: r.unit_cost_fen as number, purchasedAt: r.purchased_at as number, expiresAt: r.expires_at as number | null,
        priority: r.priority as number, note: r.note as string, createdAt: r.created_at as number, stock,
        pinShopId: r.pin_shop_id as number | null, pinFrom: r.pin_from as number | null, pinTo: r.pin_to as number | null,
      };
    });
  }

  keysPage(filter: KeyFilter & { afterId?: number; limit: number }): { rows: KeyRow[]; nextAfterId: number | null; total: number } {
    const where = keyWhere(filter);
    const rows = this.sqlite
      .prepare(`select * from keys where ${where.sql} and id < ? order by id desc limit ?`)
      .all(...where.params, filter.afterId ?? Number.MAX_SAFE_INTEGER, filter.limit + 1) as KeyDbRow[];
    const more = rows.length > filter.limit;
    const page = rows.slice(0, filter.limit);
    const total = this.total(filter, where);
    return { rows: page.map((r) => this.toKeyRow(r)), nextAfterId: more ? page.at(-1)!.id : null, total };
  }

  /** Without a card-number search the trigger-kept counts answer at once; a prefix range is small. */
  private total(filter: KeyFilter, where: { sql: string; params: (string | number)[] }): number {
    if (filter.cardNo) return (this.sqlite.prepare(`select count(*) as n from keys where ${where.sql}`).get(...where.params) as { n: number }).n;
    const counted = keyWhere({ ...filter, cardNo: undefined });
    return (this.sqlite.prepare(`select coalesce(sum(n), 0) as n from stock_counts where ${counted.sql}`).get(...counted.params) as { n: number }).n;
  }

  /** Plaintext of one key; the caller audits it. */
  secretOf(id: number): { id: number; cardNo: string | null; secret: string; productId: number } {
    const r = this.sqlite.prepare('select * from keys where id = ?').get(id) as KeyDbRow | undefined;
    if (!r) throw new KeyDeskError('NOT_FOUND', { keyId: id });
    return { id, cardNo: r.card_no, secret: this.vault.decrypt(r.secret_sealed, keyAad(r.secret_index)), productId: r.product_id };
  }

  private toKeyRow(r: KeyDbRow): KeyRow {
    return {
      id: r.id, productId: r.product_id, batchId: r.batch_id, cardNo: r.card_no,
      secretMasked: maskSecret(this.vault.decrypt(r.secret_sealed, keyAad(r.secret_index))),
      status: r.status, expiresAt: r.expires_at, voidReason: r.void_reason, createdAt: r.created_at,
    };
  }
}
