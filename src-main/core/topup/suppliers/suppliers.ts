// 供应商: supplier API accounts and their sealed credentials. Like Shops, the only place credentials are
// unsealed is `context()`, which hands an adapter what it needs for one round of calls.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { KeyDeskError, supplierInput, type Supplier } from '../../../../src-shared/contract/index.js';
import { maskSecret } from '../../../../src-shared/mask.js';
import type { CoreServices } from '../../services.js';
import type { HttpClient } from '../../channels/types.js';
import { ChannelError } from '../../channels/errors.js';
import { stmt } from '../../db/statements.js';
import type { SupplierAdapter, SupplierContext, SupplierCredentials, SupplierGoods, SupplierKind } from './types.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'appendAudit' | 'log'>;

export interface SupplierRow {
  id: number;
  kind: SupplierKind;
  name: string;
  status: Supplier['status'];
  sandbox: number;
  credentials_sealed: Buffer;
  seal_key: string;
  app_key_masked: string;
  endpoint: string | null;
  balance_fen: number | null;
  balance_at: number | null;
  last_error: string | null;
  created_at: number;
}

const aad = (sealKey: string): string => `supplier:${sealKey}`;

export class Suppliers {
  private readonly contexts = new Map<number, { sealed: Buffer; ctx: SupplierContext }>();

  constructor(
    private readonly d: Deps,
    readonly adapters: Record<SupplierKind, SupplierAdapter>,
    private readonly http: HttpClient,
    private readonly sandboxUrl?: string,
  ) {}

  adapterFor(kind: SupplierKind): SupplierAdapter {
    const adapter = this.adapters[kind] as SupplierAdapter | undefined;
    if (!adapter) throw new KeyDeskError('INVALID_INPUT', { kind }, `暂不支持这个供应商接口：${kind}`);
    return adapter;
  }

  list(): Supplier[] {
    return (this.d.sqlite.prepare('select * from suppliers order by id').all() as SupplierRow[]).map(toSupplier);
  }

  row(id: number): SupplierRow {
    const row = stmt(this.d.sqlite, 'select * from suppliers where id = ?').get(id) as SupplierRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { supplierId: id }, `供应商不存在（编号 ${id}）`);
    return row;
  }

  get(id: number): Supplier {
    return toSupplier(this.row(id));
  }

  /** Adds the supplier after one balance call proves the credentials work (nothing saved otherwise). */
  async add(raw: z.input<typeof supplierInput>): Promise<Supplier> {
    const input = supplierInput.parse(raw);
    const adapter = this.adapterFor(input.kind);
    const creds = stripEmpty(input.credentials);
    const balance = await this.probe(adapter, creds);
    const now = this.d.clock.now();
    const sealKey = randomUUID();
    const id = this.d.sqlite.transaction(() => {
      const id = Number(this.d.sqlite.prepare(`insert into suppliers (kind, name, status, sandbox, credentials_sealed, seal_key, app_key_masked, endpoint, balance_fen, balance_at, created_at, updated_at)
          values (?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(input.kind, input.name, this.isSandbox(creds) ? 1 : 0, this.d.vault.encrypt(JSON.stringify(creds), aad(sealKey)), sealKey, maskSecret(creds.appKey),
          creds.endpoint ?? null, balance.balanceFen, now, now, now).lastInsertRowid);
      this.d.appendAudit({ actor: 'owner', action: 'supplier.add', objectType: 'supplier', objectId: String(id), summary: { kind: input.kind, name: input.name } });
      return id;
    }).immediate();
    return this.get(id);
  }

  async update(input: { id: number; name?: string | undefined; credentials?: Partial<SupplierCredentials> | undefined; paused?: boolean | undefined }): Promise<Supplier> {
    const row = this.row(input.id);
    let next: SupplierCredentials | undefined;
    let balanceFen: number | undefined;
    if (input.credentials) {
      next = { ...this.credentials(row), ...stripEmpty(input.credentials) };
      balanceFen = (await this.probe(this.adapterFor(row.kind), next)).balanceFen;
    }
    this.d.sqlite.transaction(() => {
      const now = this.d.clock.now();
      if (input.name !== undefined) this.d.sqlite.prepare('update suppliers set name = ?, updated_at = ? where id = ?').run(input.name, now, row.id);
      if (next) {
        this.d.sqlite.prepare(`update suppliers set credentials_sealed = ?, app_key_masked = ?, endpoint = ?, balance_fen = ?, balance_at = ?, last_error = null,
            status = case when status = 'paused' then 'paused' else 'active' end, updated_at = ? where id = ?`)
          .run(this.d.vault.encrypt(JSON.stringify(next), aad(row.seal_key)), maskSecret(next.appKey), next.endpoint ?? null, balanceFen ?? null, now, now, row.id);
      }
      if (input.paused !== undefined) this.d.sqlite.prepare('update suppliers set status = ?, updated_at = ? where id = ?').run(input.paused ? 'paused' : 'active', now, row.id);
      this.d.appendAudit({
        actor: 'owner', action: 'supplier.update', objectType: 'supplier', objectId: String(row.id),
        summary: { ...(input.name !== undefined && { name: input.name }), credentialsChanged: Boolean(next), ...(input.paused !== undefined && { paused: input.paused }) },
      });
    }).immediate();
    return this.get(row.id);
  }

  async refreshBalance(id: number): Promise<Supplier> {
    const row = this.row(id);
    try {
      const balance = await this.adapterFor(row.kind).balance(this.context(row));
      this.d.sqlite.prepare(`update suppliers set balance_fen = ?, balance_at = ?, last_error = null, status = case when status in ('error', 'needs_auth') then 'active' else status end, updated_at = ? where id = ?`)
        .run(balance.balanceFen, this.d.clock.now(), this.d.clock.now(), id);
    } catch (err) {
      this.noteError(id, err);
      throw asKeyDeskError(err);
    }
    return this.get(id);
  }

  async goods(id: number, supplierProductId: string): Promise<SupplierGoods> {
    const row = this.row(id);
    try {
      return await this.adapterFor(row.kind).goods(this.context(row), supplierProductId);
    } catch (err) {
      throw asKeyDeskError(err);
    }
  }

  credentials(row: SupplierRow): SupplierCredentials {
    return JSON.parse(this.d.vault.decrypt(row.credentials_sealed, aad(row.seal_key))) as SupplierCredentials;
  }

  context(row: SupplierRow): SupplierContext {
    const cached = this.contexts.get(row.id);
    if (cached && cached.sealed.equals(row.credentials_sealed)) return cached.ctx;
    const ctx: SupplierContext = { creds: this.credentials(row), http: this.http, now: () => this.d.clock.now() };
    this.contexts.set(row.id, { sealed: row.credentials_sealed, ctx });
    return ctx;
  }

  /** Records a failed call on the supplier (what the owner reads in the list); reauth → needs_auth. */
  noteError(id: number, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    const needsAuth = err instanceof ChannelError && (err.kind === 'reauth' || err.kind === 'bad_signature');
    this.d.sqlite.prepare(`update suppliers set last_error = ?, status = case when ? and status <> 'paused' then 'needs_auth' else status end, updated_at = ? where id = ?`)
      .run(message, needsAuth ? 1 : 0, this.d.clock.now(), id);
  }

  /** The vault was locked: no decrypted credentials stay in memory. */
  forgetCredentials(): void {
    this.contexts.clear();
  }

  private async probe(adapter: SupplierAdapter, creds: SupplierCredentials): Promise<{ balanceFen: number }> {
    try {
      return await adapter.balance({ creds, http: this.http, now: () => this.d.clock.now() });
    } catch (err) {
      throw asKeyDeskError(err, '连接供应商失败');
    }
  }

  private isSandbox(creds: SupplierCredentials): boolean {
    return Boolean(this.sandboxUrl && creds.endpoint?.startsWith(this.sandboxUrl));
  }
}

/** A supplier's refusal shown to the owner as a Chinese sentence, not a stack. */
export function asKeyDeskError(err: unknown, prefix?: string): KeyDeskError {
  if (err instanceof KeyDeskError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new KeyDeskError('UPSTREAM_FAILED', { kind: err instanceof ChannelError ? err.kind : 'unknown' }, prefix ? `${prefix}：${message}` : message);
}

function stripEmpty(creds: Partial<SupplierCredentials>): SupplierCredentials {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(creds)) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out as unknown as SupplierCredentials;
}

function toSupplier(r: SupplierRow): Supplier {
  return {
    id: r.id, kind: r.kind, name: r.name, status: r.status, sandbox: r.sandbox === 1, appKeyMasked: r.app_key_masked, endpoint: r.endpoint,
    balanceFen: r.balance_fen, balanceAt: r.balance_at, lastError: r.last_error, createdAt: r.created_at,
  };
}
