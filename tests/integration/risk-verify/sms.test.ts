// Second verification by SMS against the sandbox 阿里云短信 gateway over HTTP: the code a buyer receives
// releases the line once; brute force, expiry, resend limits and the gateway's refusals, each in Chinese.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../src-shared/contract/index.js';
import { auditOf, captureOrder, openChallenge, ownVerification, smsTo, startWorld, useSandboxSms, type World } from './harness.js';

const PHONE = '13912345678';
let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => world.close());

const notices = (w: World) => {
  const seen: EventMessage<'app.notice'>['payload'][] = [];
  w.core.onEvent((m) => {
    if (m.event === 'app.notice') seen.push((m as EventMessage<'app.notice'>).payload);
  });
  return seen;
};

/** A youzan order carrying the buyer's phone, its challenge opened and the first code sent. */
async function sentChallenge(phone = PHONE, settings = {}) {
  useSandboxSms(world);
  const order = await captureOrder(world, 'youzan', { phone });
  const own = ownVerification(world, settings);
  openChallenge(world, own.verification, order.lineId);
  own.verification.kick();
  await own.verification.idle();
  return { ...own, ...order };
}

const lastCode = async (phone = PHONE) => (await smsTo(world, phone)).at(-1)!.code!;
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('a verify hold by SMS', () => {
  it('sends a code by the gateway; the code the buyer read passes and releases the line exactly once', async () => {
    const { verification, released, lineId } = await sentChallenge();
    const messages = await smsTo(world, PHONE);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.code).toMatch(/^\d{6}$/);
    expect(messages[0]!.text).toContain('【KeyDesk演示】');
    expect(verification.state(lineId)).toMatchObject({ status: 'sent', via: 'sms', to: '139****5678', attemptsLeft: 5, sendsLeft: 2, lastError: null });

    const code = messages[0]!.code!;
    expect(verification.submit(lineId, code, 'owner')).toMatchObject({ passed: true, verify: { status: 'passed' } });
    // The same code again (typed twice, or a retried callback): still passed, released only once.
    expect(verification.submit(lineId, code, 'owner').passed).toBe(true);
    expect(released).toEqual([{ lineId, actor: 'owner' }]);
    await expect(verification.send(lineId)).rejects.toThrow('买家已经验证通过');
    expect(() => verification.submit(lineId, wrongCode(code), 'owner')).toThrow('已经验证通过');

    expect(auditOf(world, 'risk.verify.sent')).toEqual([{ actor: 'system', summary: { via: 'sms', to: '139****5678', sends: 1 } }]);
    expect(auditOf(world, 'risk.verify.passed')).toEqual([{ actor: 'owner', summary: { via: 'sms', attempts: 1, sends: 1 } }]);
  });

  it('five wrong codes lock it: the right code is then refused, the line stays held, the owner is told once', async () => {
    const told = notices(world);
    const { verification, released, lineId } = await sentChallenge();
    const code = await lastCode();
    for (let i = 1; i <= 5; i++) {
      const out = verification.submit(lineId, wrongCode(code), 'buyer');
      expect(out.passed).toBe(false);
      expect(out.verify.attemptsLeft).toBe(5 - i);
      expect(out.verify.status).toBe(i < 5 ? 'sent' : 'failed');
      if (i < 5) expect(out.verify.lastError).toBe(`验证码不对，还可以再试 ${5 - i} 次`);
    }
    const afterLock = verification.submit(lineId, code, 'buyer');
    expect(afterLock).toMatchObject({ passed: false, verify: { status: 'failed', attemptsLeft: 0 } });
    expect(afterLock.verify.lastError).toContain('已锁定');
    expect(released).toEqual([]);
    await expect(verification.send(lineId)).rejects.toThrow('已锁定');
    expect(told.filter((n) => n.kind === 'otp' && n.message.includes('已锁定'))).toHaveLength(1);
    const failed = auditOf(world, 'risk.verify.failed');
    expect(failed.map((f) => f.summary.reason)).toEqual(['wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'wrong_code_locked', 'locked']);
    expect(failed[4]!.summary).toMatchObject({ attempts: 5, attemptsLeft: 0 });
    // A hold opened again by the rules does not unlock it.
    openChallenge(world, verification, lineId);
    expect(verification.state(lineId)?.status).toBe('failed');
  });

  it('a code past its time is refused without using an attempt; a resend gives a new code and voids the old one', async () => {
    const { verification, released, lineId } = await sentChallenge();
    const first = await lastCode();
    world.advance(10 * 60_000 + 1_000);
    expect(verification.state(lineId)).toMatchObject({ status: 'expired', lastError: '验证码已过期，请重发' });
    expect(verification.submit(lineId, first, 'owner')).toMatchObject({ passed: false, verify: { status: 'expired', attemptsLeft: 5 } });
    expect(released).toEqual([]);

    expect(await verification.send(lineId)).toMatchObject({ status: 'sent', sendsLeft: 1, lastError: null });
    const second = await lastCode();
    expect(second).not.toBe(first);
    expect(verification.submit(lineId, first, 'owner')).toMatchObject({ passed: false, verify: { attemptsLeft: 4 } });
    expect(verification.submit(lineId, second, 'owner').passed).toBe(true);
    expect(released).toHaveLength(1);
  });

  it('resends wait 60 seconds and stop at the send limit', async () => {
    const { verification, lineId } = await sentChallenge();
    await expect(verification.send(lineId)).rejects.toThrow(/请 \d+ 秒后再重发/);
    world.advance(61_000);
    expect((await verification.send(lineId)).sendsLeft).toBe(1);
    world.advance(61_000);
    expect((await verification.send(lineId)).sendsLeft).toBe(0);
    world.advance(61_000);
    await expect(verification.send(lineId)).rejects.toThrow('验证码已经发了 3 次，达到上限；请人工核实后放行或拒绝');
    expect(await smsTo(world, PHONE)).toHaveLength(3);
  });

  it("shows the gateway's flow control in Chinese, and a failed resend keeps the buyer's code valid", async () => {
    const { verification, released, lineId } = await sentChallenge();
    const code = await lastCode();
    // A second order by the same phone within the minute: the gateway allows one SMS a minute per phone.
    const other = await captureOrder(world, 'youzan', { phone: PHONE });
    openChallenge(world, verification, other.lineId);
    const limited = await verification.send(other.lineId);
    expect(limited).toMatchObject({ status: 'not_sent', sendsLeft: 3 });
    expect(limited.lastError).toContain('短信发送太频繁');
    expect(limited.lastError).toContain('触发分钟级流控Permits:1');
    expect(auditOf(world, 'risk.verify.sendFailed').at(-1)?.summary.reason).toContain('太频繁');

    world.advance(61_000);
    await world.control('faults', { simulator: 'sms', kind: 'http5xx', times: 1 });
    const down = await verification.send(lineId);
    expect(down).toMatchObject({ status: 'sent', sendsLeft: 2 });
    expect(down.lastError).toContain('短信网关暂时不可用');
    expect(verification.submit(lineId, code, 'buyer').passed).toBe(true);
    expect(released).toEqual([{ lineId, actor: 'buyer' }]);

    expect((await verification.send(other.lineId)).status).toBe('sent');
  });

  it('names every gateway refusal in Chinese: secret, key id, sign name, template, balance, phone', async () => {
    const { verification, lineId } = await sentChallenge();
    const svc = world.core.services.risk.verification;
    const tries: [() => unknown, string][] = [
      [() => svc.updateSms({ accessKeySecret: 'not-the-secret' }), 'AccessKey Secret 不对'],
      [() => svc.updateSms({ accessKeyId: 'LTAI-unknown' }), '不认这个 AccessKey ID'],
      [() => svc.updateSms({ signName: '别人的签名' }), '短信签名不可用'],
      [() => svc.updateSms({ templateCode: 'SMS_123' }), '短信模板不可用'],
      [() => world.control('sms/setBalance', { accessKeyId: 'LTAI5tKDSANDBOXSMS01', messages: 0 }), '余额不足'],
    ];
    for (const [breakIt, words] of tries) {
      useSandboxSms(world);
      await world.control('sms/setBalance', { accessKeyId: 'LTAI5tKDSANDBOXSMS01', messages: 100 });
      await breakIt();
      // Past the resend cooldown and the gateway's hourly window.
      world.advance(61 * 60_000);
      const state = await verification.send(lineId);
      expect(state.lastError, words).toContain(words);
    }
    const bad = await captureOrder(world, 'youzan', { phone: '1391234' });
    useSandboxSms(world);
    await world.control('sms/setBalance', { accessKeyId: 'LTAI5tKDSANDBOXSMS01', messages: 100 });
    openChallenge(world, verification, bad.lineId);
    expect((await verification.send(bad.lineId)).lastError).toBe('买家的手机号不正确，短信网关拒收，请人工核实后放行');
  });

  it('a gateway that does not answer is a Chinese error, not a hang', async () => {
    await world.close();
    world = await startWorld({ httpTimeoutMs: 300 });
    const { verification, lineId } = await (async () => {
      useSandboxSms(world);
      const order = await captureOrder(world, 'youzan', { phone: PHONE });
      await world.control('faults', { simulator: 'sms', kind: 'timeout', delayMs: 5_000, times: 1 });
      const own = ownVerification(world);
      openChallenge(world, own.verification, order.lineId);
      return { ...own, lineId: order.lineId };
    })();
    const state = await verification.send(lineId);
    expect(state).toMatchObject({ status: 'not_sent' });
    expect(state.lastError).toContain('短信网关没有及时回应');
  });
});

describe('after a restart', () => {
  it('a challenge opened but never sent (the process stopped first) goes out at start, once', async () => {
    useSandboxSms(world);
    const order = await captureOrder(world, 'youzan', { phone: PHONE });
    const { verification } = ownVerification(world);
    openChallenge(world, verification, order.lineId);
    // A new process: its verification starts and sends what was left.
    const restarted = ownVerification(world).verification;
    restarted.start();
    await restarted.idle();
    restarted.start();
    await restarted.idle();
    restarted.stop();
    expect(restarted.state(order.lineId)).toMatchObject({ status: 'sent', sendsLeft: 2 });
    expect(await smsTo(world, PHONE)).toHaveLength(1);
  });
});

describe('when no code can be sent', () => {
  it('an order without a phone stays not_sent with the reason, and the owner is told', async () => {
    const told = notices(world);
    useSandboxSms(world);
    const order = await captureOrder(world, 'taobao', {});
    const { verification } = ownVerification(world);
    openChallenge(world, verification, order.lineId);
    verification.kick();
    await verification.idle();
    expect(verification.state(order.lineId)).toMatchObject({ status: 'not_sent', via: null, lastError: '买家没有留手机号，无法发送验证码，请人工核实后放行' });
    expect(told.some((n) => n.kind === 'otp' && n.message.includes('买家没有留手机号'))).toBe(true);
    // kick does not retry a challenge that already says why it cannot go.
    verification.kick();
    await verification.idle();
    expect(auditOf(world, 'risk.verify.notSent')).toHaveLength(1);
    expect(() => verification.submit(order.lineId, '123456', 'owner')).toThrow('验证码还没有发出');
  });

  it('a phone but the SMS gateway switched off: says so', async () => {
    useSandboxSms(world, false);
    const order = await captureOrder(world, 'youzan', { phone: PHONE });
    const { verification } = ownVerification(world);
    openChallenge(world, verification, order.lineId);
    expect((await verification.send(order.lineId)).lastError).toContain('短信网关没有开启');
    expect(await smsTo(world, PHONE)).toHaveLength(0);
  });
});

describe('短信网关 settings', () => {
  it('keep the secret sealed and unseen, audit changes without it, and refuse bad input naming the field', async () => {
    const svc = world.core.services.risk.verification;
    useSandboxSms(world);
    const view = svc.smsSettings();
    expect(view).toMatchObject({ enabled: true, accessKeyId: 'LTAI5tKDSANDBOXSMS01', signName: 'KeyDesk演示', templateCode: 'SMS_900000001', secretSet: true });
    expect(JSON.stringify(view)).not.toContain('keydesk-sandbox-sms-secret');
    const stored = world.core.services.sqlite.prepare("select value from settings where key = 'risk.sms'").get() as { value: string };
    expect(stored.value).not.toContain('keydesk-sandbox-sms-secret');
    const audits = auditOf(world, 'risk.sms.update');
    expect(audits[0]!.summary.changed).toContain('accessKeySecret');
    expect(JSON.stringify(audits)).not.toContain('keydesk-sandbox-sms-secret');

    const before = svc.smsSettings();
    for (const [input, field, words] of [
      [{ endpoint: 'ftp://sms.example.com/' }, 'endpoint', '必须以 http:// 或 https:// 开头'],
      [{ templateCode: 'TEMPLATE1' }, 'templateCode', '模板 CODE格式不对'],
      [{ signName: '【我的店】' }, 'signName', '短信签名格式不对'],
      [{ accessKeySecret: 'x'.repeat(101) }, 'accessKeySecret', 'AccessKey Secret 太长'],
    ] as const) {
      let caught: unknown;
      try {
        svc.updateSms(input);
      } catch (err) {
        caught = err;
      }
      expect(caught, field).toMatchObject({ code: 'INVALID_INPUT', details: { field }, message: expect.stringContaining(words) });
    }
    expect(svc.smsSettings()).toEqual(before);
    expect(auditOf(world, 'risk.sms.update')).toHaveLength(1);
    // A blank secret field keeps the stored secret.
    svc.updateSms({ accessKeySecret: '  ', signName: 'KeyDesk演示' });
    expect(svc.smsSettings().secretSet).toBe(true);
    expect(auditOf(world, 'risk.sms.update')).toHaveLength(1);
    expect((await svc.testSms('13800003333')).ok).toBe(true);

    world.core.services.settings.set('risk.sms', { enabled: false });
    expect(() => svc.updateSms({ enabled: true, accessKeyId: 'x' })).toThrow('开启短信验证前，请填写');
    expect(svc.smsSettings().enabled).toBe(false);
  });

  it('a test message reaches the phone; a wrong secret says why', async () => {
    const svc = world.core.services.risk.verification;
    useSandboxSms(world, false);
    expect(await svc.testSms('13800001111')).toEqual({ ok: true, message: '测试短信已发出，请查看 138****1111 是否收到' });
    expect(await smsTo(world, '13800001111')).toHaveLength(1);
    svc.updateSms({ accessKeySecret: 'wrong-secret' });
    const refused = await svc.testSms('13800002222');
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('AccessKey Secret 不对');
    expect(auditOf(world, 'risk.sms.test').map((a) => a.summary)).toEqual([{ to: '138****1111', ok: true }, { to: '138****2222', ok: false }]);
  });
});
