// A real core (SQLite files, vault) and the sandbox over HTTP sharing one movable clock: the SMS gateway's
// flow control and the code's expiry are tested by moving time, never by waiting for it.
import { randomUUID } from 'node:crypto';
import type { Core } from '../../../src-main/core/index.js';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import type { HttpClient } from '../../../src-main/core/channels/types.js';
import { createVerification, type Verification } from '../../../src-main/core/risk/verify/index.js';
import { startServer, type RunningServer } from '../../../src-main/hosts/server/server.js';
import { createSmsSimulator, platformSimulators, startSandbox, SANDBOX_SMS_ACCOUNT, type Sandbox, type SmsMessage } from '../../../src-main/sandbox/index.js';
import type { PlatformName, RiskSettings } from '../../../src-shared/contract/index.js';
import { expectOk, unlockedCore } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { connectSandboxShop, type Control, type SimShop } from '../../helpers/sandbox-shop.js';

export interface World {
  core: Core;
  sandbox: Sandbox;
  server: RunningServer;
  control: Control;
  /** The HTTP client the core uses (a short timeout when asked). */
  http: HttpClient;
  /** Moves the shared clock forward. */
  advance(ms: number): void;
  now(): number;
  close(): Promise<void>;
}

export async function startWorld(options: { httpTimeoutMs?: number } = {}): Promise<World> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const sandbox = await startSandbox({ simulators: [createSmsSimulator({ clock: now }), ...platformSimulators({ clock: now })] });
  const control: Control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}/_control/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return (await res.json()) as T;
  };
  const http = createHttpClient(options.httpTimeoutMs === undefined ? {} : { timeoutMs: options.httpTimeoutMs });
  const { core } = await unlockedCore({ sandboxUrl: sandbox.url, clock: { now }, http });
  const server = await startServer({ core, token: randomUUID(), rendererDir: '/nonexistent', port: 0 });
  // The delivery outbox, so a released line really reaches the platform; no pollers: shops are read when the test says.
  await core.services.orders.outbox.start();
  return {
    core,
    sandbox,
    server,
    control,
    http,
    advance: (ms) => void (offset += ms),
    now,
    async close() {
      await core.services.risk.verification.idle();
      core.services.orders.stop();
      await server.close();
      core.close();
      await sandbox.close();
    },
  };
}

/** 风控设置 → 短信网关 filled in with the sandbox's demo account. */
export function useSandboxSms(world: World, enabled = true): void {
  world.core.services.risk.verification.updateSms({
    enabled,
    endpoint: `${world.sandbox.url}/sms/`,
    accessKeyId: SANDBOX_SMS_ACCOUNT.accessKeyId,
    accessKeySecret: SANDBOX_SMS_ACCOUNT.accessKeySecret,
    signName: SANDBOX_SMS_ACCOUNT.signName,
    templateCode: SANDBOX_SMS_ACCOUNT.templateCode,
  });
}

export async function smsTo(world: World, phone: string): Promise<SmsMessage[]> {
  return (await world.control<{ messages: SmsMessage[] }>('sms/messages', { phone })).messages;
}

export interface CapturedOrder {
  shopId: number;
  simShop: SimShop;
  orderId: string;
  lineId: number;
}

/** A paid order on a sandbox platform, captured by a poll (the risk engine records its signals on the way). */
export async function captureOrder(world: World, platform: PlatformName, buyer: Record<string, string>, shop?: { shopId: number; simShop: SimShop; itemId: string }): Promise<CapturedOrder & { itemId: string }> {
  const connected = shop ?? (await connectSandboxShop(world.core, { url: world.sandbox.url, control: world.control }, platform, { productCode: 'VERIFY-M', pollSeconds: 3600 }));
  const order = await world.control<{ orderId: string }>(`${platform}/createOrder`, { shopId: connected.simShop.shopId, lines: [{ itemId: connected.itemId, quantity: 1 }], buyer, pay: true });
  world.advance(5_000);
  await world.core.services.orders.pollers.poll(connected.shopId);
  await world.core.services.orders.outbox.idle();
  const line = world.core.services.sqlite.prepare('select id from order_lines where shop_id = ? and platform_order_id = ?').get(connected.shopId, order.orderId) as { id: number } | undefined;
  if (!line) throw new Error(`order ${order.orderId} was not captured`);
  return { ...connected, orderId: order.orderId, lineId: line.id };
}

export const TEST_SETTINGS = { otpTtlMinutes: 10, otpMaxAttempts: 5, otpMaxSends: 3 };

/** A Verification of its own over the core's database, with a recording onPassed (the hold desk stands aside). */
export function ownVerification(world: World, settings: Partial<typeof TEST_SETTINGS> = {}): { verification: Verification; released: { lineId: number; actor: string }[] } {
  const released: { lineId: number; actor: string }[] = [];
  const s = world.core.services;
  const verification = createVerification({
    sqlite: s.sqlite, vault: s.vault, clock: s.clock, log: s.log, events: s.events, appendAudit: s.appendAudit, settings: s.settings,
    http: world.http, orders: s.orders,
    riskSettings: () => ({ ...s.risk.settings.get(), ...TEST_SETTINGS, ...settings }) as RiskSettings,
    onPassed: (lineId, actor) => void released.push({ lineId, actor }),
  });
  return { verification, released };
}

/** Opens a challenge the way the risk hook does: inside a transaction. */
export function openChallenge(world: World, verification: Verification, lineId: number): void {
  world.core.services.sqlite.transaction(() => verification.open(lineId)).immediate();
}

/** Audit entries of one action (about one order line, when given). */
export function auditOf(world: World, action: string, lineId?: number): { actor: string; summary: Record<string, unknown> }[] {
  const rows = world.core.services.sqlite
    .prepare('select actor, summary from audit_log where action = ? and (? is null or object_id = ?) order by seq')
    .all(action, lineId === undefined ? null : String(lineId), lineId === undefined ? null : String(lineId)) as { actor: string; summary: string }[];
  return rows.map((r) => ({
    actor: r.actor,
    summary: JSON.parse(r.summary) as Record<string, unknown>,
  }));
}

/**
 * The real path: a product with keys, a rule that asks every 独立站 and 有赞 order for a code, and a paid
 * order captured; the risk hook holds the line, opens the challenge and sends the code after commit.
 */
export async function verifyHold(world: World, platform: PlatformName, buyer: Record<string, string>): Promise<CapturedOrder & { itemId: string }> {
  const s = world.core.services;
  if (!s.sqlite.prepare("select 1 from products where code = 'VERIFY-M'").get()) {
    const productId = await addProduct(world.core, 'VERIFY-M');
    await importText(world.core, productId, Array.from({ length: 8 }, (_, i) => `VERIFY-KEY-${String(i).padStart(4, '0')}`).join('\n'));
    expectOk(await world.core.call('risk.rules.save', { rule: { name: '订单需要验证码', action: 'verify', conditions: [{ field: 'platform', platforms: ['site', 'youzan'] }] } }));
  }
  const order = await captureOrder(world, platform, buyer);
  // The hook sends after its transaction commits (setImmediate): wait for the send to be tried.
  for (let i = 0; i < 500; i++) {
    await s.risk.verification.idle();
    const row = s.sqlite.prepare('select status, last_error from otp_challenges where line_id = ?').get(order.lineId) as { status: string; last_error: string | null } | undefined;
    if (row && (row.status !== 'not_sent' || row.last_error !== null)) return order;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no code was sent for line ${order.lineId}`);
}

export function holdStatus(world: World, lineId: number): string | undefined {
  return (world.core.services.sqlite.prepare('select status from risk_holds where line_id = ?').get(lineId) as { status: string } | undefined)?.status;
}

export function lineStatus(world: World, lineId: number): string {
  return (world.core.services.sqlite.prepare('select status from order_lines where id = ?').get(lineId) as { status: string }).status;
}
