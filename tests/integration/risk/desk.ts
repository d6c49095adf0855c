// A real core on a test clock with two in-memory shops (淘宝 and 拼多多), so risk rules see buyers across
// shops. Orders go the production way: capture → risk hook → reserve → outbox → platform confirms.
import { afterEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import { unlockedCore, expectOk } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { FakePlatform, addFakeShop } from '../../helpers/fake-platform.js';
import type { Core } from '../../../src-main/core/index.js';
import type { PlatformBuyer, PlatformOrder } from '../../../src-main/core/channels/types.js';
import type { EventMessage } from '../../../src-shared/contract/index.js';

const open: Core[] = [];
afterEach(() => {
  for (const core of open.splice(0)) {
    core.services.risk.stop();
    core.services.orders.stop();
    core.close();
  }
});

export const MINUTE = 60_000;

export interface RiskDesk {
  core: Core;
  clock: { now(): number; advance(ms: number): void };
  taobao: FakePlatform;
  pdd: FakePlatform;
  shopA: number;
  shopB: number;
  productId: number;
  notices: { message: string; kind?: string | undefined }[];
  riskChanged: number[];
  /** A paid order on a shop, with the buyer's signals as the platform gives them. */
  order(platform: 'taobao' | 'pdd', buyer: PlatformBuyer, extra?: Partial<PlatformOrder>): PlatformOrder;
  /** Polls both shops, waits for the outbox and for the after-commit events. */
  sync(): Promise<void>;
  line(platformOrderId: string): { id: number; status: string; last_error: string | null; risk: string | null };
  settle(): Promise<void>;
}

export async function openRiskDesk(options: { keys?: number } = {}): Promise<RiskDesk> {
  let t = Date.now();
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const taobao = new FakePlatform();
  const pdd = new FakePlatform();
  taobao.now = clock.now;
  pdd.now = clock.now;
  const { core } = await unlockedCore({ clock, adapters: { taobao: taobao.adapter(), pdd: pdd.adapter() } });
  open.push(core);
  const productId = await addProduct(core);
  await importText(core, productId, Array.from({ length: options.keys ?? 20 }, () => `K-${randomUUID()}`).join('\n'));
  const shopA = await addFakeShop(core, '淘宝店');
  const shopB = expectOk<{ id: number }>(await core.call('shops.add', { platform: 'pdd', name: '拼多多店', credentials: { appKey: '12345678', appSecret: 'secret-secret' }, catchUpHours: 1 })).id;
  await core.services.orders.start();
  const notices: RiskDesk['notices'] = [];
  const riskChanged: number[] = [];
  core.onEvent((m) => {
    if (m.event === 'app.notice') notices.push((m as EventMessage<'app.notice'>).payload);
    if (m.event === 'risk.changed') riskChanged.push(...(m as EventMessage<'risk.changed'>).payload.lineIds);
  });
  let seq = 0;
  // After-commit work (events, outbox kicks) runs on setImmediate; then the outbox finishes sending.
  const settle = async () => {
    await new Promise((r) => setImmediate(r));
    await core.services.orders.outbox.idle();
    await new Promise((r) => setImmediate(r));
  };
  return {
    core, clock, taobao, pdd, shopA, shopB, productId, notices, riskChanged, settle,
    order(platform, buyer, extra = {}) {
      const p = platform === 'taobao' ? taobao : pdd;
      const o = p.addOrder({ orderId: `${platform === 'taobao' ? 'TB' : 'PDD'}${++seq}` });
      o.buyer = buyer;
      Object.assign(o, extra);
      o.raw = { tid: o.orderId };
      return o;
    },
    async sync() {
      for (const id of [shopA, shopB]) expectOk(await core.call('shops.syncNow', { id }));
      await settle();
    },
    line(platformOrderId) {
      return core.services.sqlite.prepare('select id, status, last_error, risk from order_lines where platform_order_id = ?').get(platformOrderId) as ReturnType<RiskDesk['line']>;
    },
  };
}

export function audits(core: Core, prefix = 'risk.'): { action: string; actor: string; objectId: string | null; summary: Record<string, unknown> }[] {
  return (core.services.sqlite.prepare('select action, actor, object_id as objectId, summary from audit_log where action like ? order by seq').all(`${prefix}%`) as
    { action: string; actor: string; objectId: string | null; summary: string }[]).map((r) => ({ ...r, summary: JSON.parse(r.summary) as Record<string, unknown> }));
}
