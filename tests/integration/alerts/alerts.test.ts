// Alerts end to end: the real core sending to the sandbox's 企业微信 / 钉钉 / 飞书 bots over HTTP, with
// their signatures checked by the sandbox's own code; throttling and grouping by the core clock; bad
// secrets and failing bots reported in Chinese without harming the core; URLs refused before saving.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/index.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { imBotSimulators, SANDBOX_DINGTALK_BOT, SANDBOX_FEISHU_BOT, SANDBOX_WECOM_BOT, type ReceivedMessage } from '../../../src-main/sandbox/im-bots/index.js';
import type { AlertChannel, AlertEntry, ChannelTestResult, ErrorBody, EventPayload } from '../../../src-shared/contract/index.js';
import { expectOk, PASSPHRASE, tempDir, unlockedCore } from '../../helpers/core.js';

const T0 = Date.now();
const MIN = 60_000;
let now = T0;
let sb: Sandbox;
let core: Core;
let dataDir: string;

const control = async <T>(path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sb.url}/_control/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return (await res.json()) as T;
};
const received = async (bot: 'wecom' | 'dingtalk' | 'feishu'): Promise<ReceivedMessage[]> => (await control<{ messages: ReceivedMessage[] }>(`${bot}/messages`, {})).messages;
const urls = () => ({
  wecom: `${sb.url}/wecom/cgi-bin/webhook/send?key=${SANDBOX_WECOM_BOT.id}`,
  dingtalk: `${sb.url}/dingtalk/robot/send?access_token=${SANDBOX_DINGTALK_BOT.id}`,
  feishu: `${sb.url}/feishu/open-apis/bot/v2/hook/${SANDBOX_FEISHU_BOT.id}`,
});

async function save(input: Record<string, unknown>): Promise<AlertChannel> {
  return expectOk<AlertChannel>(await core.call('alerts.channels.save', input));
}
async function addAllThree(): Promise<AlertChannel[]> {
  return [
    await save({ kind: 'wecom', name: '运营群（企业微信）', url: urls().wecom }),
    await save({ kind: 'dingtalk', name: '运营群（钉钉）', url: urls().dingtalk, secret: SANDBOX_DINGTALK_BOT.secret }),
    await save({ kind: 'feishu', name: '运营群（飞书）', url: urls().feishu, secret: SANDBOX_FEISHU_BOT.secret }),
  ];
}
const notice = (payload: EventPayload<'app.notice'>) => core.services.events.emit('app.notice', payload);
const recent = async (): Promise<AlertEntry[]> => expectOk<AlertEntry[]>(await core.call('alerts.recent', {}));
const channels = async (): Promise<AlertChannel[]> => expectOk<AlertChannel[]>(await core.call('alerts.channels.list', {}));
const settle = () => core.services.alerts.idle();

beforeEach(async () => {
  now = T0;
  sb = await startSandbox({ simulators: imBotSimulators({ clock: () => now }) });
  dataDir = tempDir();
  ({ core } = await unlockedCore({ dataDir, sandboxUrl: sb.url, clock: { now: () => now } }));
  core.services.alerts.start();
});
afterEach(async () => {
  core.close();
  await sb.close();
});

describe('an alert reaches every bot', () => {
  it('goes to 企业微信, 钉钉 and 飞书 at once, signed as each expects, and the log shows each answer', async () => {
    await addAllThree();
    notice({ level: 'warning', kind: 'out_of_stock', message: '「爱奇艺黄金会员月卡」缺货：有订单在等待' });
    await settle();

    for (const bot of ['wecom', 'dingtalk', 'feishu'] as const) {
      const messages = await received(bot);
      expect(messages, bot).toHaveLength(1);
      expect(messages[0]!.text).toContain('【缺货】「爱奇艺黄金会员月卡」缺货：有订单在等待');
    }
    // The sandbox accepted only because the signatures checked out.
    expect((await received('dingtalk'))[0]).toMatchObject({ signed: true, msgtype: 'markdown', title: '【缺货】「爱奇艺黄金会员月卡」缺货：有订单在等待' });
    expect((await received('feishu'))[0]).toMatchObject({ signed: true, msgtype: 'text' });

    const [entry] = await recent();
    expect(entry).toMatchObject({ kind: 'out_of_stock', status: 'sent', groupSize: 1, sentAt: T0 });
    expect(entry!.outcomes.map((o) => [o.name, o.ok, o.message])).toEqual([
      ['运营群（企业微信）', true, '发送成功'], ['运营群（钉钉）', true, '发送成功'], ['运营群（飞书）', true, '发送成功'],
    ]);
    expect((await channels()).map((c) => [c.lastSentAt, c.lastError, c.sandbox])).toEqual([[T0, null, true], [T0, null, true], [T0, null, true]]);
  });

  it('10 notices of one kind inside the window: one message at once, one grouped at the window end', async () => {
    await addAllThree();
    for (let i = 1; i <= 10; i++) {
      notice({ level: 'error', kind: 'topup_failed', message: `代充失败：订单 ${i} 账号不存在` });
      now += 20_000;
    }
    await settle();
    for (const bot of ['wecom', 'dingtalk', 'feishu'] as const) expect(await received(bot), bot).toHaveLength(1);

    now = T0 + 5 * MIN;
    core.services.alerts.tick();
    await settle();
    for (const bot of ['wecom', 'dingtalk', 'feishu'] as const) {
      const messages = await received(bot);
      expect(messages, bot).toHaveLength(2);
      expect(messages[1]!.text).toContain('【代充失败】5 分钟内 9 条提醒：');
      expect(messages[1]!.text).toContain('代充失败：订单 2 账号不存在');
      expect(messages[1]!.text).toContain('…另有 4 条');
    }
    const log = await recent();
    expect(log).toHaveLength(10);
    expect(log.filter((e) => e.groupSize === 9 && e.sentAt === T0 + 5 * MIN)).toHaveLength(9);
    expect(log.find((e) => e.message.includes('订单 1 '))).toMatchObject({ groupSize: 1, sentAt: T0 });
    // Another kind is not held by this one's window.
    notice({ level: 'warning', kind: 'sync_error', message: '云端表格「进货表」同步失败' });
    await settle();
    expect(await received('wecom')).toHaveLength(3);
  });

  it('the desktop gets the same grouping, and a muted kind is only logged', async () => {
    core.close();
    const shown: [string, string][] = [];
    ({ core } = await unlockedCore({ sandboxUrl: sb.url, clock: { now: () => now }, notifier: (title, body) => void shown.push([title, body]) }));
    core.services.alerts.start();
    expectOk(await core.call('alerts.settings.update', { kinds: ['out_of_stock', 'low_stock'] }));
    notice({ level: 'warning', kind: 'out_of_stock', message: 'A 缺货' });
    notice({ level: 'warning', kind: 'out_of_stock', message: 'B 缺货' });
    notice({ level: 'info', kind: 'restock', message: '自动补货完成' });
    now += 5 * MIN;
    core.services.alerts.tick();
    await settle();
    // The second one waited for the window and, alone in it, still reads as itself.
    expect(shown).toEqual([['卡密工作台 · 缺货', 'A 缺货'], ['卡密工作台 · 缺货', 'B 缺货']]);
    const log = await recent();
    expect(log.find((e) => e.kind === 'restock')).toMatchObject({ status: 'muted', outcomes: [] });
    expect(log.find((e) => e.message === 'A 缺货')!.outcomes).toEqual([{ channelId: null, name: '桌面通知', ok: true, message: '已显示', at: T0, retried: false }]);
  });
});

describe('bad secrets and failing bots', () => {
  it('a wrong 钉钉 secret comes back as the platform\'s error in Chinese, and the core carries on', async () => {
    const bot = await save({ kind: 'dingtalk', name: '钉钉群', url: urls().dingtalk, secret: 'SECthisisnotthesecret' });
    const test = expectOk<ChannelTestResult>(await core.call('alerts.channels.test', { id: bot.id }));
    expect(test).toMatchObject({ ok: false, code: 310000 });
    expect(test.message).toContain('钉钉签名校验失败：加签密钥不对');

    notice({ level: 'error', kind: 'sync_error', message: '云端表格同步失败' });
    await settle();
    expect(await received('dingtalk')).toHaveLength(0);
    const [listed] = await channels();
    expect(listed!.lastError).toContain('钉钉签名校验失败');
    const [entry] = await recent();
    expect(entry!.outcomes).toMatchObject([{ name: '钉钉群', ok: false, retried: false }]);
    // A signature error is not retried: the owner has to fix the secret.
    now += 2 * MIN;
    core.services.alerts.tick();
    await settle();
    expect((await recent())[0]!.outcomes).toHaveLength(1);

    // Fixing the secret clears the error and the next test goes through.
    await save({ id: bot.id, kind: 'dingtalk', name: '钉钉群', secret: SANDBOX_DINGTALK_BOT.secret });
    expect((await channels())[0]!.lastError).toBeNull();
    expect(expectOk<ChannelTestResult>(await core.call('alerts.channels.test', { id: bot.id }))).toMatchObject({ ok: true, message: '发送成功：请到群里查看这条测试消息' });
    expect((await received('dingtalk'))[0]!.text).toContain('【测试】卡密工作台提醒已接通');
  });

  it('5xx, rate limits and a dead socket: the error is recorded, one retry later delivers, nothing throws', async () => {
    await addAllThree();
    await control('faults', { simulator: 'feishu', kind: 'http5xx', status: 502, times: 1 });
    await control('faults', { simulator: 'wecom', kind: 'rateLimit', times: 1 });
    await control('faults', { simulator: 'dingtalk', kind: 'timeout', delayMs: 50, times: 1 });
    notice({ level: 'warning', kind: 'shop_error', message: '店铺「沙箱淘宝」需要重新授权' });
    await settle();
    const errors = Object.fromEntries((await channels()).map((c) => [c.kind, c.lastError]));
    expect(errors.feishu).toBe('飞书服务器出错（HTTP 502），稍后会自动再发一次');
    expect(errors.wecom).toBe('企业微信限流：每个机器人每分钟最多发 20 条消息，稍后会自动再发一次');
    expect(errors.dingtalk).toMatch(/^钉钉：连不上平台：.*稍后会自动再发一次$/);
    expect(expectOk<AlertChannel[]>(await core.call('alerts.channels.list', {}))).toHaveLength(3);

    now += MIN;
    core.services.alerts.tick();
    await settle();
    for (const bot of ['wecom', 'dingtalk', 'feishu'] as const) expect(await received(bot), bot).toHaveLength(1);
    expect((await channels()).every((c) => c.lastError === null)).toBe(true);
    const [entry] = await recent();
    expect(entry!.outcomes.map((o) => [o.name, o.ok, o.retried])).toEqual([
      ['运营群（企业微信）', true, true], ['运营群（钉钉）', true, true], ['运营群（飞书）', true, true],
    ]);
  });

  it('the real per-minute limit of the bot answers in its own code', async () => {
    const [wecom] = await addAllThree();
    await control('wecom/setRateLimit', { perMinute: 1 });
    expect(expectOk<ChannelTestResult>(await core.call('alerts.channels.test', { id: wecom!.id })).ok).toBe(true);
    expect(expectOk<ChannelTestResult>(await core.call('alerts.channels.test', { id: wecom!.id }))).toMatchObject({ ok: false, code: 45009 });
  });
});

describe('channels', () => {
  it('refuses a URL that is not http(s), naming the field; nothing is saved or audited', async () => {
    const auditBefore = core.services.audit.list(1000).total;
    for (const url of ['ftp://oapi.dingtalk.com/robot/send?access_token=x', 'javascript:alert(1)', 'file:///etc/passwd']) {
      const res = await core.call('alerts.channels.save', { kind: 'dingtalk', name: '钉钉群', url });
      expect(res.ok).toBe(false);
      const error = (res as { error: ErrorBody }).error;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.details).toMatchObject({ issues: [{ field: 'url', message: 'Webhook 地址必须以 http:// 或 https:// 开头' }] });
    }
    const wrongPlatform = await core.call('alerts.channels.save', { kind: 'wecom', name: '企业微信群', url: 'https://oapi.dingtalk.com/robot/send?access_token=x' });
    expect((wrongPlatform as { error: ErrorBody }).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Webhook 地址不是企业微信群机器人的地址'), details: { issues: [{ field: 'url' }] } });
    expect(await channels()).toEqual([]);
    expect(core.services.audit.list(1000).total).toBe(auditBefore);

    // Editing: a bad URL leaves the stored one as it was.
    const bot = await save({ kind: 'feishu', name: '飞书群', url: urls().feishu, secret: SANDBOX_FEISHU_BOT.secret });
    const edit = await core.call('alerts.channels.save', { id: bot.id, kind: 'feishu', name: '改名', url: 'ftp://x' });
    expect(edit.ok).toBe(false);
    expect(await channels()).toEqual([bot]);
  });

  it('keeps the URL and secret sealed, shows them masked, and audits add / update / remove', async () => {
    const bot = await save({ kind: 'dingtalk', name: '钉钉群', url: urls().dingtalk, secret: SANDBOX_DINGTALK_BOT.secret, kinds: ['out_of_stock', 'topup_failed'] });
    expect(bot).toMatchObject({ hasSecret: true, kinds: ['out_of_stock', 'topup_failed'], enabled: true, sandbox: true });
    expect(bot.urlMasked).toBe(`${sb.url}/dingtalk/robot/send?access_token=kdsa****01`);
    const stored = core.services.sqlite.prepare('select * from alert_channels').get() as Record<string, unknown>;
    expect(JSON.stringify(stored)).not.toContain(SANDBOX_DINGTALK_BOT.id);
    expect((stored.config_sealed as Buffer).toString('latin1')).not.toContain(SANDBOX_DINGTALK_BOT.secret!);

    await save({ id: bot.id, kind: 'dingtalk', name: '钉钉群', clearSecret: true });
    expect((await channels())[0]!.hasSecret).toBe(false);
    expectOk(await core.call('alerts.channels.remove', { id: bot.id }));
    const actions = core.services.audit.list(100).entries.map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('alert_channel.'))).toEqual(expect.arrayContaining(['alert_channel.add', 'alert_channel.update', 'alert_channel.remove']));
    const auditText = JSON.stringify(core.services.audit.list(100).entries);
    expect(auditText).not.toContain(SANDBOX_DINGTALK_BOT.id);
    expect(auditText).not.toContain(SANDBOX_DINGTALK_BOT.secret!);
  });

  it('a bot gets only the kinds it takes, and a disabled bot nothing', async () => {
    await save({ kind: 'wecom', name: '只收缺货', url: urls().wecom, kinds: ['out_of_stock'] });
    await save({ kind: 'feishu', name: '停用', url: urls().feishu, secret: SANDBOX_FEISHU_BOT.secret, enabled: false });
    notice({ level: 'error', kind: 'topup_failed', message: '代充失败' });
    notice({ level: 'warning', kind: 'out_of_stock', message: '缺货' });
    await settle();
    expect((await received('wecom')).map((m) => m.text.split('\n')[0])).toEqual(['**【缺货】缺货**']);
    expect(await received('feishu')).toEqual([]);
    expect((await recent()).find((e) => e.kind === 'topup_failed')).toMatchObject({ status: 'no_channel' });
  });

  it('sandboxBot makes a new simulated bot the owner can connect and test', async () => {
    const made = expectOk<{ url: string; secret: string }>(await core.call('alerts.channels.sandboxBot', { kind: 'feishu' }));
    expect(made.url.startsWith(`${sb.url}/feishu/open-apis/bot/v2/hook/`)).toBe(true);
    const bot = await save({ kind: 'feishu', name: '新飞书群', url: made.url, secret: made.secret });
    expect(expectOk<ChannelTestResult>(await core.call('alerts.channels.test', { id: bot.id })).ok).toBe(true);
  });
});

describe('settings', () => {
  it('the window follows the throttle setting; a bad value is refused and nothing changes', async () => {
    await addAllThree();
    const refused = await core.call('alerts.settings.update', { throttleMinutes: 0 });
    expect((refused as { error: ErrorBody }).error).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ field: 'throttleMinutes', message: '提醒合并时间必须在 1 到 120 分钟之间' }] } });
    expect(expectOk(await core.call('alerts.settings.get', {}))).toMatchObject({ throttleMinutes: 5, desktop: true });

    expect(expectOk(await core.call('alerts.settings.update', { throttleMinutes: 1 }))).toMatchObject({ throttleMinutes: 1 });
    expect(core.services.audit.list(10).entries.map((e) => e.action)).toContain('alerts.settings.update');
    notice({ level: 'warning', kind: 'risk_hold', message: '订单 A 被风控拦截' });
    notice({ level: 'warning', kind: 'risk_hold', message: '订单 B 被风控拦截' });
    now += MIN;
    core.services.alerts.tick();
    await settle();
    const messages = await received('feishu');
    expect(messages.map((m) => m.text.split('\n')[0])).toEqual(['【风控拦截】订单 A 被风控拦截', '【风控拦截】订单 B 被风控拦截']);
  });
});

describe('nothing is lost across a stop or a locked vault', () => {
  it('alerts held in a window when the app stops go out, grouped, at the next start', async () => {
    await addAllThree();
    notice({ level: 'warning', kind: 'out_of_stock', message: '第一条' });
    notice({ level: 'warning', kind: 'out_of_stock', message: '第二条' });
    notice({ level: 'warning', kind: 'out_of_stock', message: '第三条' });
    await settle();
    core.close();
    expect(await received('wecom')).toHaveLength(1);

    now += MIN;
    const { createCore } = await import('../../../src-main/core/index.js');
    core = createCore({ dataDir, host: 'cli', version: '0.0.0-test', sandboxUrl: sb.url, clock: { now: () => now } });
    await core.services.vault.unlock({ passphrase: PASSPHRASE });
    core.services.alerts.start();
    await settle();
    const messages = await received('wecom');
    expect(messages).toHaveLength(2);
    expect(messages[1]!.text).toContain('【缺货】5 分钟内 2 条提醒：');
    expect((await recent()).every((e) => e.status === 'sent')).toBe(true);
  });

  it('with the vault locked alerts wait, and go out when it is unlocked', async () => {
    await addAllThree();
    core.services.vault.lock();
    notice({ level: 'error', kind: 'backup', message: '自动备份失败：磁盘已满' });
    await settle();
    expect(core.services.alerts.recent(10)[0]).toMatchObject({ status: 'waiting', sentAt: null });
    await core.services.vault.unlock({ passphrase: PASSPHRASE });
    core.services.events.emit('vault.changed', core.services.vault.status());
    await settle();
    expect((await received('feishu'))[0]!.text).toContain('【备份】自动备份失败：磁盘已满');
  });
});
