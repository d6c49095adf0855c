// 店铺: connected shops and their sealed credentials. The only place credentials are unsealed is
// `context()`, which hands an adapter what it needs for one round of calls.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { KeyDeskError, shopInput, type Shop, type ShopStatus } from '../../../src-shared/contract/index.js';
import { maskSecret } from '../../../src-shared/mask.js';
import type { CoreServices } from '../services.js';
import type { ChannelAdapter, ChannelContext, HttpClient, Platform, ShopCredentials } from '../channels/types.js';
import { ChannelError } from '../channels/errors.js';
import { stmt } from '../db/statements.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'appendAudit' | 'events' | 'log'>;

export interface ShopRow {
  id: number;
  platform: Platform;
  name: string;
  status: ShopStatus;
  sandbox: number;
  credentials_sealed: Buffer;
  seal_key: string;
  app_key_masked: string;
  endpoint: string | null;
  poll_seconds: number;
  cursor_at: number;
  settled_at: number;
  last_poll_at: number | null;
  last_error: string | null;
  backoff_until: number | null;
  created_at: number;
}

const aad = (sealKey: string): string => `shop:${sealKey}`;

export class Shops {
  private pushBase: string | undefined;
  private readonly contexts = new Map<number, { sealed: Buffer; ctx: ChannelContext }>();
  private readonly recent = new Map<number, { at: number; row: ShopRow }>();

  constructor(
    private readonly d: Deps,
    private readonly adapterFor: (platform: Platform) => ChannelAdapter,
    private readonly http: HttpClient,
    /** Base URL of a sandbox the host started: shops pointing there are flagged as sandbox shops. */
    private readonly sandboxUrl?: string,
  ) {}

  /** Where platforms can push (the server host's own URL); set by that host once it listens. */
  setPushBase(url: string | undefined): void {
    this.pushBase = url;
  }

  pushUrlFor(shop: Pick<ShopRow, 'id' | 'platform'>): string | undefined {
    return this.pushBase && this.adapterFor(shop.platform).parsePush ? `${this.pushBase}${pushPath(shop)}` : undefined;
  }

  /**
   * A sandbox shop is told where to push (this server host), so the demo and tests get push delivery.
   * Real platforms are configured in their own consoles; this never runs for them.
   */
  async wireSandboxPush(id: number): Promise<void> {
    const row = this.row(id);
    const pushUrl = this.pushUrlFor(row);
    if (!this.sandboxUrl || row.sandbox !== 1 || !pushUrl) return;
    try {
      const state = (await (await fetch(`${this.sandboxUrl}/_control/${row.platform}/state`)).json()) as { shops?: { shopId: string; appKey: string }[] };
      const creds = this.credentials(row);
      const simShop = state.shops?.find((s) => s.appKey === creds.appKey);
      if (!simShop) return;
      await fetch(`${this.sandboxUrl}/_control/${row.platform}/setPushUrl`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ shopId: simShop.shopId, pushUrl }),
      });
    } catch (err) {
      this.d.log.warn({ shopId: id, err: (err as Error).message }, 'Shops.wireSandboxPush: failed');
    }
  }

  list(): Shop[] {
    return (this.d.sqlite.prepare('select * from shops order by id').all() as ShopRow[]).map((r) => this.toShop(r));
  }

  row(id: number): ShopRow {
    const row = stmt(this.d.sqlite, 'select * from shops where id = ?').get(id) as ShopRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { shopId: id }, `店铺不存在（编号 ${id}）`);
    return row;
  }

  /**
   * The row as read at most a second ago: for the order path, which asks for the same shop thousands of
   * times a second. A pause or new credentials take effect within that second.
   */
  recentRow(id: number): ShopRow {
    const now = this.d.clock.now();
    const hit = this.recent.get(id);
    if (hit && hit.at > now - 1000) return hit.row;
    const row = this.row(id);
    this.recent.set(id, { at: now, row });
    return row;
  }

  get(id: number): Shop {
    return this.toShop(this.row(id));
  }

  add(raw: z.input<typeof shopInput>): Shop {
    const input = shopInput.parse(raw);
    const adapter = this.adapterFor(input.platform);
    const missing = adapter.credentialFields.filter((f) => f.required && !input.credentials[f.key as keyof typeof input.credentials]);
    if (missing.length) {
      throw new KeyDeskError('INVALID_INPUT', { fields: missing.map((f) => ({ path: `credentials.${f.key}`, message: `请填写${f.label}` })) });
    }
    const now = this.d.clock.now();
    const sealKey = randomUUID();
    const creds: ShopCredentials = stripEmpty(input.credentials);
    const cursor = Math.max(now - input.catchUpHours * 3_600_000, now - adapter.limits.historyMs);
    const id = this.d.sqlite.transaction(() => {
      const id = Number(
        this.d.sqlite
          .prepare(`insert into shops (platform, name, status, sandbox, credentials_sealed, seal_key, app_key_masked, endpoint, poll_seconds, cursor_at, settled_at, created_at, updated_at)
            values (?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(input.platform, input.name, this.isSandbox(creds) ? 1 : 0, this.d.vault.encrypt(JSON.stringify(creds), aad(sealKey)), sealKey,
            maskSecret(creds.appKey), creds.endpoint ?? null, input.pollSeconds, cursor, cursor, now, now).lastInsertRowid,
      );
      this.d.appendAudit({ actor: 'owner', action: 'shop.add', objectType: 'shop', objectId: String(id), summary: { platform: input.platform, name: input.name } });
      return id;
    }).immediate();
    this.d.events.emit('shops.changed', { id });
    return this.get(id);
  }

  update(input: { id: number; name?: string | undefined; pollSeconds?: number | undefined; credentials?: Partial<ShopCredentials> | undefined }): Shop {
    const row = this.row(input.id);
    this.d.sqlite.transaction(() => {
      const sets: string[] = [];
      const params: (string | number | Buffer | null)[] = [];
      if (input.name !== undefined) {
        sets.push('name = ?');
        params.push(input.name);
      }
      if (input.pollSeconds !== undefined) {
        sets.push('poll_seconds = ?');
        params.push(input.pollSeconds);
      }
      if (input.credentials) {
        const next = { ...this.credentials(row), ...stripEmpty(input.credentials) };
        sets.push('credentials_sealed = ?', 'app_key_masked = ?', 'endpoint = ?', "status = case when status in ('needs_auth', 'error') then 'active' else status end", 'last_error = null');
        params.push(this.d.vault.encrypt(JSON.stringify(next), aad(row.seal_key)), maskSecret(next.appKey), next.endpoint ?? null);
      }
      if (!sets.length) return;
      this.d.sqlite.prepare(`update shops set ${sets.join(', ')}, updated_at = ? where id = ?`).run(...params, this.d.clock.now(), row.id);
      this.d.appendAudit({
        actor: 'owner', action: 'shop.update', objectType: 'shop', objectId: String(row.id),
        summary: { ...(input.name !== undefined && { name: input.name }), ...(input.pollSeconds !== undefined && { pollSeconds: input.pollSeconds }), credentialsChanged: Boolean(input.credentials) },
      });
    }).immediate();
    this.d.events.emit('shops.changed', { id: row.id });
    return this.get(row.id);
  }

  setPaused(id: number, paused: boolean): Shop {
    const row = this.row(id);
    this.d.sqlite.transaction(() => {
      this.d.sqlite.prepare('update shops set status = ?, updated_at = ? where id = ?').run(paused ? 'paused' : 'active', this.d.clock.now(), id);
      this.d.appendAudit({ actor: 'owner', action: paused ? 'shop.pause' : 'shop.resume', objectType: 'shop', objectId: String(id), summary: { name: row.name } });
    }).immediate();
    this.d.events.emit('shops.changed', { id });
    return this.get(id);
  }

  credentials(row: ShopRow): ShopCredentials {
    return JSON.parse(this.d.vault.decrypt(row.credentials_sealed, aad(row.seal_key))) as ShopCredentials;
  }

  /**
   * What an adapter needs for its calls; a token refresh is sealed back into the same row. Kept while the
   * sealed credentials are unchanged, so thousands of deliveries do not decrypt them thousands of times.
   */
  context(row: ShopRow): ChannelContext {
    const cached = this.contexts.get(row.id);
    if (cached && cached.sealed.equals(row.credentials_sealed)) return cached.ctx;
    const ctx: ChannelContext = {
      creds: this.credentials(row),
      http: this.http,
      now: () => this.d.clock.now(),
      saveCreds: (next) => {
        ctx.creds = next;
        const sealed = this.d.vault.encrypt(JSON.stringify(next), aad(row.seal_key));
        this.contexts.set(row.id, { sealed, ctx });
        this.d.sqlite.transaction(() => {
          this.d.sqlite.prepare('update shops set credentials_sealed = ?, updated_at = ? where id = ?').run(sealed, this.d.clock.now(), row.id);
          this.d.appendAudit({ actor: 'system', action: 'shop.tokenRefresh', objectType: 'shop', objectId: String(row.id), summary: { name: row.name } });
        }).immediate();
      },
    };
    this.contexts.set(row.id, { sealed: row.credentials_sealed, ctx });
    return ctx;
  }

  async test(id: number): Promise<{ ok: boolean; message: string; shopName?: string; ms: number }> {
    const row = this.row(id);
    const started = this.d.clock.now();
    try {
      const result = await this.adapterFor(row.platform).testConnection(this.context(row));
      this.noteOutcome(row.id, null);
      return { ok: true, message: '连接正常', ...(result.shopName && { shopName: result.shopName }), ms: this.d.clock.now() - started };
    } catch (err) {
      const message = err instanceof ChannelError ? err.message : `连接失败：${(err as Error).message}`;
      if (err instanceof ChannelError && err.kind === 'reauth') this.noteOutcome(row.id, message, 'needs_auth');
      return { ok: false, message, ms: this.d.clock.now() - started };
    }
  }

  /** Records the last poll/call outcome on the shop (error text the owner reads, or cleared). */
  noteOutcome(id: number, error: string | null, status?: ShopStatus, backoffUntil?: number): void {
    const before = status === 'needs_auth' || status === 'error' ? (this.d.sqlite.prepare('select name, status from shops where id = ?').get(id) as { name: string; status: ShopStatus } | undefined) : undefined;
    this.d.sqlite
      .prepare(`update shops set last_error = ?, backoff_until = ?, status = coalesce(?, case when status in ('error', 'needs_auth') and ? is null then 'active' else status end), updated_at = ? where id = ?`)
      .run(error, backoffUntil ?? null, status ?? null, error, this.d.clock.now(), id);
    this.d.events.emit('shops.changed', { id });
    // Announced once, when the shop goes into the state (提醒 routes it to the desktop and group bots).
    if (before && before.status !== status) {
      this.d.events.emit('app.notice', { level: 'error', kind: 'shop_error', message: `店铺「${before.name}」${status === 'needs_auth' ? '需要重新授权' : '拉取订单出错'}：${error ?? '未知原因'}` });
    }
  }

  /** The vault was locked: no decrypted credentials stay in memory. */
  forgetCredentials(): void {
    this.contexts.clear();
  }

  touchPoll(id: number): void {
    this.d.sqlite.prepare('update shops set last_poll_at = ? where id = ?').run(this.d.clock.now(), id);
  }

  private isSandbox(creds: ShopCredentials): boolean {
    return Boolean(this.sandboxUrl && creds.endpoint?.startsWith(this.sandboxUrl));
  }

  private toShop(r: ShopRow): Shop {
    const adapter = this.adapterFor(r.platform);
    return {
      id: r.id,
      platform: r.platform,
      name: r.name,
      status: r.status,
      sandbox: r.sandbox === 1,
      appKeyMasked: r.app_key_masked,
      endpoint: r.endpoint,
      pollSeconds: r.poll_seconds,
      cursorAt: r.cursor_at,
      lastPollAt: r.last_poll_at,
      lastError: r.last_error,
      backoffUntil: r.backoff_until,
      pushPath: adapter.parsePush ? pushPath(r) : null,
      createdAt: r.created_at,
    };
  }
}

export function pushPath(shop: Pick<ShopRow, 'id' | 'platform'>): string {
  return `/push/${shop.platform}/${shop.id}`;
}

function stripEmpty<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== '')) as T;
}
