import type Database from 'better-sqlite3';
import { KeyDeskError, type SandboxStatus } from '../../../src-shared/contract/index.js';
import type { Settings } from '../settings.js';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Products } from '../inventory/products.js';
import type { Imports } from '../inventory/import/import-service.js';
import type { OrderDesk } from '../orders/order-desk.js';
import type { Clock } from '../clock.js';
import type { AuditInput } from '../audit/audit-log.js';

interface StoredDemoShop {
  /** KeyDesk's shop id of the demo shop (a 淘宝 shop on the sandbox platform). */
  shopId: string;
  name: string;
  createdAt: number;
}

interface SimShop {
  shopId: string;
  /** 淘宝: the seller nick, which pushes carry as user_nick. */
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}

const DEMO_SHOP_KEY = 'sandbox.demoShop';
const DEMO_PLATFORM = 'taobao';
const DEMO_PRODUCT = 'DEMO-IQIYI-M';
/** A buyer orders every this often, so a newcomer sees orders arrive and go out in the first minute. */
const DEMO_ORDER_EVERY_MS = 20_000;

export interface DemoShopDeps {
  sqlite: Database.Database;
  settings: Settings;
  clock: Clock;
  audit: (e: AuditInput) => void;
  products: Products;
  imports: Imports;
  orders: () => OrderDesk;
}

/**
 * The core's side of the sandbox: it talks to the simulators over HTTP exactly as it will talk to real
 * platforms, so the demo exercises the real paths. Disabled unless a host started the sandbox.
 */
export class SandboxLink {
  constructor(
    private readonly url: string | undefined,
    private readonly deps: DemoShopDeps,
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

  /**
   * 试用沙箱店铺: a 淘宝 shop on the sandbox platform, connected like a real one (credentials sealed, polled,
   * pushed to in browser mode), a demo product with demo keys whose 商家编码 maps the item by itself, and a
   * simulated buyer who orders every 20 s. Calling again keeps the existing one (the wizard may be re-run).
   */
  async openDemoShop(name: string): Promise<SandboxStatus> {
    if (!this.url) throw new KeyDeskError('SANDBOX_UNAVAILABLE');
    if (!this.deps.settings.get(DEMO_SHOP_KEY)) {
      const product = this.demoProduct();
      await this.stockDemoKeys(product);
      const sim = (await this.control('POST', `/_control/${DEMO_PLATFORM}/createShop`, { name })) as SimShop;
      const item = (await this.control('POST', `/_control/${DEMO_PLATFORM}/createItem`, { shopId: sim.shopId, title: '爱奇艺黄金会员月卡（演示）', priceFen: 1990, outerId: DEMO_PRODUCT })) as { itemId: string };
      const desk = this.deps.orders();
      const shop = desk.shops.add({
        platform: DEMO_PLATFORM,
        name,
        credentials: { appKey: sim.appKey, appSecret: sim.appSecret, accessToken: sim.accessToken, refreshToken: sim.refreshToken, shopRef: sim.name, endpoint: `${this.url}/${DEMO_PLATFORM}` },
        pollSeconds: 10,
        catchUpHours: 1,
      });
      const stored: StoredDemoShop = { shopId: String(shop.id), name, createdAt: this.deps.clock.now() };
      this.deps.sqlite.transaction(() => {
        this.deps.settings.set(DEMO_SHOP_KEY, stored);
        this.deps.audit({ actor: 'owner', action: 'sandbox.demoShop.open', objectType: 'shop', objectId: stored.shopId, summary: { name, productId: product } });
      }).immediate();
      await desk.shops.wireSandboxPush(shop.id);
      await this.control('POST', `/_control/${DEMO_PLATFORM}/createOrder`, { shopId: sim.shopId, lines: [{ itemId: item.itemId, quantity: 1 }], pay: true });
      await this.control('POST', `/_control/${DEMO_PLATFORM}/autopilot`, { shopId: sim.shopId, itemIds: [item.itemId], everyMs: DEMO_ORDER_EVERY_MS });
      void desk.pollers.poll(shop.id).catch(() => undefined);
    }
    return this.status();
  }

  private demoProduct(): number {
    const existing = this.deps.sqlite.prepare('select id from products where code = ?').get(DEMO_PRODUCT) as { id: number } | undefined;
    if (existing) return existing.id;
    return this.deps.products.save({
      code: DEMO_PRODUCT, name: '爱奇艺黄金会员月卡（演示）', type: 'card', priceFen: 1990,
      deliveryTemplate: null, lowStockThreshold: 5, reusable: false, faceValueFen: null, components: [],
    }).id;
  }

  /** 30 obviously fake keys, imported through the normal import path (audited, sealed, counted). */
  private async stockDemoKeys(productId: number): Promise<void> {
    const text = Array.from({ length: 30 }, () => `DEMO-${randomBytes(6).toString('hex').toUpperCase().match(/.{4}/g)!.join('-')}`).join('\n');
    await this.deps.imports.run({
      jobId: randomUUID(), source: { text }, productId, sheet: 0, mode: 'all',
      batch: { supplier: '演示供应商', unitCostFen: 1500, priority: 0, note: '试用沙箱店铺的演示卡密，不能真实兑换' },
    });
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
