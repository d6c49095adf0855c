// 充值网站账号: the merchant's logins on membership portals, driven by RPA. The password is sealed
// (AAD `portal:<sealKey>`) and unsealed only to hand one run its PortalAccount.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { KeyDeskError, portalInput, type PortalAccountView } from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';
import { stmt } from '../db/statements.js';
import type { PortalAccount } from '../rpa/types.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'appendAudit'>;

export interface PortalRow {
  id: number;
  portal: string;
  name: string;
  base_url: string;
  username: string;
  credentials_sealed: Buffer;
  seal_key: string;
  status: 'active' | 'paused' | 'needs_human';
  last_error: string | null;
  created_at: number;
}

const aad = (sealKey: string): string => `portal:${sealKey}`;

export class PortalAccounts {
  constructor(private readonly d: Deps) {}

  list(): PortalAccountView[] {
    const waiting = new Map((this.d.sqlite.prepare(`select portal_account_id as id, count(*) as n from topup_attempts where route = 'rpa' and state in ('intent', 'paused') group by portal_account_id`)
      .all() as { id: number; n: number }[]).map((r) => [r.id, r.n]));
    return (this.d.sqlite.prepare('select * from portal_accounts order by id').all() as PortalRow[]).map((r) => toView(r, waiting.get(r.id) ?? 0));
  }

  row(id: number): PortalRow {
    const row = stmt(this.d.sqlite, 'select * from portal_accounts where id = ?').get(id) as PortalRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { portalAccountId: id }, `充值网站账号不存在（编号 ${id}）`);
    return row;
  }

  add(raw: z.input<typeof portalInput>): PortalAccountView {
    const input = portalInput.parse(raw);
    const now = this.d.clock.now();
    const sealKey = randomUUID();
    const id = this.d.sqlite.transaction(() => {
      const id = Number(this.d.sqlite.prepare(`insert into portal_accounts (portal, name, base_url, username, credentials_sealed, seal_key, status, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, 'active', ?, ?)`)
        .run(input.portal, input.name, input.baseUrl.replace(/\/+$/, ''), input.username, this.d.vault.encrypt(JSON.stringify({ password: input.password }), aad(sealKey)), sealKey, now, now).lastInsertRowid);
      this.d.appendAudit({ actor: 'owner', action: 'portal.add', objectType: 'portal_account', objectId: String(id), summary: { portal: input.portal, name: input.name, username: input.username } });
      return id;
    }).immediate();
    return toView(this.row(id), 0);
  }

  /** What one RPA run needs; the password lives only as long as the run. */
  account(id: number): PortalAccount {
    const row = this.row(id);
    const { password } = JSON.parse(this.d.vault.decrypt(row.credentials_sealed, aad(row.seal_key))) as { password: string };
    return { id: String(row.id), portal: row.portal, baseUrl: row.base_url, username: row.username, password };
  }

  setStatus(id: number, status: PortalRow['status'], error: string | null): void {
    this.d.sqlite.prepare('update portal_accounts set status = ?, last_error = ?, updated_at = ? where id = ?').run(status, error, this.d.clock.now(), id);
  }
}

function toView(r: PortalRow, waiting: number): PortalAccountView {
  return { id: r.id, portal: r.portal, name: r.name, baseUrl: r.base_url, username: r.username, status: r.status, lastError: r.last_error, waiting, createdAt: r.created_at };
}
