// Through a real order: a rule asks for a code, the risk hook holds the line, the code goes out by SMS
// (sandbox gateway over HTTP), the owner types what the buyer read out through the contract, and the
// keys reach the platform exactly once. Brute force leaves the line held for the owner to decide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, RiskHoldView, VerifyStateView } from '../../../src-shared/contract/index.js';
import { expectOk } from '../../helpers/core.js';
import type { LedgerEntry } from '../../helpers/ledger.js';
import { auditOf, holdStatus, lineStatus, smsTo, startWorld, useSandboxSms, verifyHold, type World } from './harness.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  useSandboxSms(world);
});
afterAll(async () => world.close());

const call = <T>(method: string, input: unknown) => world.core.call(method, input) as Promise<Envelope<T>>;
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function deliveries(orderId: string): Promise<number> {
  const ledger = await world.control<LedgerEntry[]>('youzan/ledger', {});
  return ledger.find((o) => o.orderId === orderId)?.deliveries.length ?? 0;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 20));
    await world.core.services.orders.outbox.idle();
  }
}

describe('a verify hold on a real order', () => {
  it('sends the SMS, the code typed by the owner releases the line, the keys go out once', async () => {
    const phone = '13600000001';
    const { lineId, orderId } = await verifyHold(world, 'youzan', { phone });
    expect(lineStatus(world, lineId)).toBe('held');
    const messages = await smsTo(world, phone);
    expect(messages).toHaveLength(1);
    const code = messages[0]!.code!;

    const { holds } = expectOk<{ holds: RiskHoldView[] }>(await call('risk.holds.list', { status: 'open' }));
    const hold = holds.find((h) => h.lineId === lineId)!;
    expect(hold.decision.action).toBe('verify');
    expect(hold.verify).toMatchObject({ status: 'sent', via: 'sms', to: '136****0001', attemptsLeft: 5 });

    const malformed = await call('risk.verify.submit', { lineId, code: '12ab' });
    expect(malformed.ok).toBe(false);
    expect(JSON.stringify(malformed)).toContain('验证码是 4–8 位数字');
    const wrong = expectOk<{ passed: boolean; verify: VerifyStateView }>(await call('risk.verify.submit', { lineId, code: wrongCode(code) }));
    expect(wrong).toMatchObject({ passed: false, verify: { attemptsLeft: 4 } });
    await settle();
    expect(await deliveries(orderId)).toBe(0);

    expect(expectOk<{ passed: boolean }>(await call('risk.verify.submit', { lineId, code })).passed).toBe(true);
    await settle();
    expect(holdStatus(world, lineId)).toBe('verified');
    expect(lineStatus(world, lineId)).toBe('delivered');
    expect(await deliveries(orderId)).toBe(1);

    // Typed again: nothing more happens.
    expect(expectOk<{ passed: boolean }>(await call('risk.verify.submit', { lineId, code })).passed).toBe(true);
    await settle();
    expect(await deliveries(orderId)).toBe(1);
    expect(auditOf(world, 'risk.verify.passed', lineId)).toHaveLength(1);
  });

  it('a resend through the contract sends a new code; the old one no longer passes', async () => {
    const phone = '13600000002';
    const { lineId, orderId } = await verifyHold(world, 'youzan', { phone });
    const first = (await smsTo(world, phone))[0]!.code!;
    const early = await call('risk.verify.send', { lineId });
    expect(early.ok).toBe(false);
    expect(JSON.stringify(early)).toMatch(/秒后再重发/);
    world.advance(61_000);
    expect(expectOk<VerifyStateView>(await call('risk.verify.send', { lineId }))).toMatchObject({ status: 'sent', sendsLeft: 1 });
    const second = (await smsTo(world, phone))[1]!.code!;
    expect(expectOk<{ passed: boolean }>(await call('risk.verify.submit', { lineId, code: first })).passed).toBe(first === second);
    expect(expectOk<{ passed: boolean }>(await call('risk.verify.submit', { lineId, code: second })).passed).toBe(true);
    await settle();
    expect(await deliveries(orderId)).toBe(1);
  });

  it('brute force locks the code and keeps the line held; the owner can still approve by hand', async () => {
    const phone = '13600000003';
    const { lineId, orderId } = await verifyHold(world, 'youzan', { phone });
    const code = (await smsTo(world, phone))[0]!.code!;
    for (let i = 0; i < 5; i++) await call('risk.verify.submit', { lineId, code: wrongCode(code) });
    const refused = expectOk<{ passed: boolean; verify: VerifyStateView }>(await call('risk.verify.submit', { lineId, code }));
    expect(refused).toMatchObject({ passed: false, verify: { status: 'failed', attemptsLeft: 0 } });
    await settle();
    expect(holdStatus(world, lineId)).toBe('open');
    expect(lineStatus(world, lineId)).toBe('held');
    expect(await deliveries(orderId)).toBe(0);

    expectOk(await call('risk.holds.approve', { lineId, note: '买家电话核实过' }));
    await settle();
    expect(await deliveries(orderId)).toBe(1);
    // The decided hold takes no more codes.
    const after = await call('risk.verify.submit', { lineId, code });
    expect(after.ok).toBe(false);
  });
});
