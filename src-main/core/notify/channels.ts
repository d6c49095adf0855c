// 提醒渠道: group-bot webhooks. The URL and the 加签 secret are one sealed JSON blob (AAD
// `alert-channel:<sealKey>`); the owner only ever sees the URL masked. Adding, changing and removing a
// bot is audited in the same transaction.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  KeyDeskError, alertKind, type AlertChannel, type AlertKind, type alertChannelInput,
} from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';
import { stmt } from '../db/statements.js';
import { checkWebhookUrl, maskWebhookUrl } from './webhooks/url.js';
import type { BotAnswer, BotConfig } from './webhooks/protocols.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'appendAudit'>;
type Input = z.output<typeof alertChannelInput>;

export interface ChannelRow {
  id: number;
  kind: AlertChannel['kind'];
  name: string;
  enabled: number;
  config_sealed: Buffer;
  seal_key: string;
  url_masked: string;
  kinds: string;
  last_sent_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

const aad = (sealKey: string): string => `alert-channel:${sealKey}`;
const urlIssue = (message: string) => new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'url', message }] }, message);

export class AlertChannels {
  constructor(
    private readonly d: Deps,
    private readonly sandboxUrl: string | undefined,
  ) {}

  list(): AlertChannel[] {
    return (stmt(this.d.sqlite, 'select * from alert_channels order by id').all() as ChannelRow[]).map((r) => this.view(r));
  }

  row(id: number): ChannelRow {
    const row = stmt(this.d.sqlite, 'select * from alert_channels where id = ?').get(id) as ChannelRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { channelId: id }, `提醒机器人不存在（编号 ${id}）`);
    return row;
  }

  get(id: number): AlertChannel {
    return this.view(this.row(id));
  }

  /** Enabled bots that take this kind of alert. */
  receiving(kind: AlertKind): ChannelRow[] {
    return (stmt(this.d.sqlite, 'select * from alert_channels where enabled = 1 order by id').all() as ChannelRow[])
      .filter((r) => {
        const kinds = parseKinds(r.kinds);
        return kinds.length === 0 || kinds.includes(kind);
      });
  }

  /** Creates (no id) or updates a bot. A URL that is not http(s) or not the platform's shape saves nothing. */
  save(input: Input): AlertChannel {
    const existing = input.id === undefined ? undefined : this.row(input.id);
    if (existing && existing.kind !== input.kind) {
      throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'kind', message: '机器人类型不能修改，请删除后重新添加' }] }, '机器人类型不能修改，请删除后重新添加');
    }
    if (!existing && input.url === '') throw urlIssue('Webhook 地址必须填写');
    if (input.url !== '') {
      const check = checkWebhookUrl(input.kind, input.url, this.sandboxUrl);
      if (!check.ok) throw urlIssue(check.message);
    }
    const before = existing ? this.config(existing) : undefined;
    const url = input.url !== '' ? input.url : before!.url;
    // 企业微信 bots are not signed: a secret typed there would only mislead.
    const secret = input.kind === 'wecom' || input.clearSecret ? null : input.secret !== '' ? input.secret : (before?.secret ?? null);
    const config: BotConfig = { url, secret };
    const kinds = JSON.stringify(alertKind.options.filter((k) => input.kinds.includes(k)));
    const now = this.d.clock.now();
    const summary = {
      kind: input.kind, name: input.name, enabled: input.enabled, urlMasked: maskWebhookUrl(url), kinds: JSON.parse(kinds).join(',') as string,
      signed: secret !== null, urlChanged: !before || before.url !== url, secretChanged: (before?.secret ?? null) !== secret,
    };
    const id = this.d.sqlite.transaction(() => {
      if (existing) {
        this.d.sqlite.prepare(`update alert_channels set name = ?, enabled = ?, config_sealed = ?, url_masked = ?, kinds = ?,
            last_error = case when ? then null else last_error end, updated_at = ? where id = ?`)
          .run(input.name, input.enabled ? 1 : 0, this.d.vault.encrypt(JSON.stringify(config), aad(existing.seal_key)), summary.urlMasked, kinds,
            summary.urlChanged || summary.secretChanged ? 1 : 0, now, existing.id);
        this.d.appendAudit({ actor: 'owner', action: 'alert_channel.update', objectType: 'alert_channel', objectId: String(existing.id), summary });
        return existing.id;
      }
      const sealKey = randomUUID();
      const id = Number(this.d.sqlite.prepare(`insert into alert_channels (kind, name, enabled, config_sealed, seal_key, url_masked, kinds, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(input.kind, input.name, input.enabled ? 1 : 0, this.d.vault.encrypt(JSON.stringify(config), aad(sealKey)), sealKey, summary.urlMasked, kinds, now, now).lastInsertRowid);
      this.d.appendAudit({ actor: 'owner', action: 'alert_channel.add', objectType: 'alert_channel', objectId: String(id), summary });
      return id;
    }).immediate();
    return this.get(id);
  }

  remove(id: number): { removed: boolean } {
    const row = this.row(id);
    this.d.sqlite.transaction(() => {
      this.d.sqlite.prepare('delete from alert_channels where id = ?').run(id);
      this.d.appendAudit({ actor: 'owner', action: 'alert_channel.remove', objectType: 'alert_channel', objectId: String(id), summary: { kind: row.kind, name: row.name, urlMasked: row.url_masked } });
    }).immediate();
    return { removed: true };
  }

  config(row: ChannelRow): BotConfig {
    return JSON.parse(this.d.vault.decrypt(row.config_sealed, aad(row.seal_key))) as BotConfig;
  }

  /** What the last send said, for the list: a success clears the error, a failure keeps the last good time. */
  noteOutcome(id: number, answer: BotAnswer): void {
    const now = this.d.clock.now();
    if (answer.ok) stmt(this.d.sqlite, 'update alert_channels set last_sent_at = ?, last_error = null where id = ?').run(now, id);
    else stmt(this.d.sqlite, 'update alert_channels set last_error = ? where id = ?').run(answer.message, id);
  }

  private view(r: ChannelRow): AlertChannel {
    const sandbox = this.sandboxUrl !== undefined && r.url_masked.startsWith(`${this.sandboxUrl.replace(/\/$/, '')}/`);
    return {
      id: r.id, kind: r.kind, name: r.name, enabled: r.enabled === 1, urlMasked: r.url_masked, hasSecret: this.hasSecret(r), kinds: parseKinds(r.kinds),
      sandbox, lastSentAt: r.last_sent_at, lastError: r.last_error, createdAt: r.created_at, updatedAt: r.updated_at,
    };
  }

  /** Whether a secret is stored needs the vault; a locked vault reports none rather than failing the list. */
  private hasSecret(r: ChannelRow): boolean {
    if (r.kind === 'wecom' || !this.d.vault.unlocked) return false;
    return this.config(r).secret !== null;
  }
}

export function parseKinds(text: string): AlertKind[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? alertKind.options.filter((k) => parsed.includes(k)) : [];
  } catch {
    return [];
  }
}
