import type Database from 'better-sqlite3';
import { KeyDeskError, type SandboxStatus } from '../../../src-shared/contract/index.js';
import type { Settings } from '../settings.js';
import type { Vault } from '../vault/vault.js';
import type { Clock } from '../clock.js';
import type { AuditInput } from '../audit/audit-log.js';

interface StoredDemoShop {
  shopId: string;
  name: string;
  createdAt: number;
  appKey: string;
  /** base64 of the vault-sealed app secret; AAD ties it to this setting. */
  appSecretSealed: string;
}

const DEMO_SHOP_KEY = 'sandbox.demoShop';

/**
 * The core's side of the sandbox: it talks to the simulators over HTTP exactly as it will talk to real
 * platforms, so the demo exercises the real paths. Disabled unless a host started the sandbox.
 */
export class SandboxLink {
  constructor(
    private readonly url: string | undefined,
    private readonly deps: { sqlite: Database.Database; settings: Settings; vault: Vault; clock: Clock; audit: (e: AuditInput) => void },
  ) {}

  get enabled(): boolean {
    return this.url !== undefined;
  }

  async status(): Promise<SandboxStatus> {
    if (!this.url) return { running: false, simulators: [] };
    const { simulators } = (await this.control('GET', '/_control/simulators')) as { simulators: { name: string; title: string }[] };
    const shop = this.deps.settings.get(DEMO_SHOP_KEY) as StoredDemoShop | undefined;
    return {
      running: true,
      url: this.url,
      simulators: simulators.map((s) => ({ name: s.name, title: s.title })),
      ...(shop && { demoShop: { shopId: shop.shopId, name: shop.name, createdAt: shop.createdAt } }),
    };
  }

  /** Creates the demo shop once; calling again keeps the existing one (the wizard may be re-run). */
  async openDemoShop(name: string): Promise<SandboxStatus> {
    if (!this.url) throw new KeyDeskError('SANDBOX_UNAVAILABLE');
    if (!this.deps.settings.get(DEMO_SHOP_KEY)) {
      const created = (await this.control('POST', '/_control/demo-shop/createShop', { name })) as {
        shopId: string; appKey: string; appSecret: string;
      };
      const stored: StoredDemoShop = {
        shopId: created.shopId,
        name,
        createdAt: this.deps.clock.now(),
        appKey: created.appKey,
        appSecretSealed: this.deps.vault.encrypt(created.appSecret, `settings:${DEMO_SHOP_KEY}`).toString('base64'),
      };
      this.deps.sqlite.transaction(() => {
        this.deps.settings.set(DEMO_SHOP_KEY, stored);
        this.deps.audit({ actor: 'owner', action: 'sandbox.demoShop.open', objectType: 'shop', objectId: stored.shopId, summary: { name } });
      }).immediate();
    }
    return this.status();
  }

  private async control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      throw new KeyDeskError('SANDBOX_UNAVAILABLE', { reason: (err as Error).message });
    }
    if (!res.ok) throw new KeyDeskError('SANDBOX_UNAVAILABLE', { status: res.status, body: await res.text() });
    return res.json();
  }
}
