import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION_TITLES, AUDIT_OBJECT_TITLES, AUDIT_ACTOR_TITLES, isTitled } from '../../../src-shared/audit/titles.js';
import { CHINESE_AUDIT_WORDS as W, auditObjectText, auditSummaryText } from '../../../src-shared/audit/describe.js';
import { events, methodNames } from '../../../src-shared/contract/index.js';
import { zhCN } from '../../../src-renderer/src/i18n/zh-CN/index.js';
import { enUS } from '../../../src-renderer/src/i18n/en-US/index.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const DOTTED = /'([a-z_]+(?:\.[a-zA-Z_]+)+)'/g;

const NOT_ACTIONS = new Set<string>([...methodNames, ...Object.keys(events)]);
const AUDITS = /appendAudit|audit\(|recordStep\(/;

/**
 * Every audit action the core can write, read from its source the way a reviewer would grep it, in the
 * files that write audit entries:
 * - dotted names in an `action:` expression (`a ? 'x.y' : 'x.z'` too);
 * - dotted names handed to a helper that audits them (`this.release(…, 'risk.hold.approve')`,
 *   `audit(d, actor, 'risk.verify.sent', …)`): any dotted literal that is not a contract method or event,
 *   a settings key (`const KEY = 'x.y'`, `settings.set('x.y', …)`) or an error's field name;
 * - the `<kind>.<action>` steps of after-sales and redemption (`recordStep(d, 'redemption', …, { action: 'remind' })`).
 */
function writtenActions(): { action: string; file: string }[] {
  const found: { action: string; file: string }[] = [];
  for (const file of sources('src-main/core')) {
    if (file.includes(join('core', 'audit'))) continue;
    const text = readFileSync(file, 'utf8');
    if (!AUDITS.test(text)) continue;
    for (const m of text.matchAll(/action:\s*([^,}\n]+)/g)) for (const d of m[1]!.matchAll(DOTTED)) found.push({ action: d[1]!, file });
    for (const line of text.split('\n')) {
      if (/^\s*(\/\/|\*)|const [A-Z_]+ = |settings\.(get|set)\(|field: '/.test(line)) continue;
      for (const d of line.matchAll(DOTTED)) if (!NOT_ACTIONS.has(d[1]!)) found.push({ action: d[1]!, file });
    }
    const kind = /recordStep\([^,]+,\s*'([a-z]+)'/.exec(text)?.[1];
    if (kind) for (const m of text.matchAll(/action:\s*'([a-zA-Z]+)'/g)) found.push({ action: `${kind}.${m[1]!}`, file });
  }
  return found;
}

describe('audit labels', () => {
  it('finds the actions the core writes (the scan itself works)', () => {
    const names = new Set(writtenActions().map((a) => a.action));
    for (const known of ['vault.setup', 'key.void', 'dispatch.retry', 'aftersales.replace', 'redemption.remind', 'import.reject', 'shop.pause', 'risk.hold.approve', 'risk.verify.sent', 'alert_channel.add', 'alerts.settings.update']) expect(names).toContain(known);
    expect(names.size).toBeGreaterThan(60);
  });

  it('every action the core writes has a Chinese title (and an English one on the screen)', () => {
    const missing = writtenActions().filter((a) => !isTitled(AUDIT_ACTION_TITLES, a.action));
    expect(missing, '给这些审计操作在 src-shared/audit/titles.ts 里加中文名').toEqual([]);
    for (const action of Object.keys(AUDIT_ACTION_TITLES)) {
      const key = `audit.action.${action}` as keyof typeof zhCN;
      expect(zhCN[key], action).toBe(AUDIT_ACTION_TITLES[action as keyof typeof AUDIT_ACTION_TITLES]);
      expect(enUS[key], action).toMatch(/^[\x20-\x7e’]+$/);
    }
  });

  it('every object type and actor the core writes has a title', () => {
    const objects = new Set<string>();
    const actors = new Set<string>();
    for (const file of sources('src-main/core')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/objectType:\s*'([a-z_]+)'/g)) objects.add(m[1]!);
      if (AUDITS.test(text)) for (const m of text.matchAll(/actor:\s*'([a-z_]+)'/g)) actors.add(m[1]!);
    }
    expect([...objects].filter((o) => !isTitled(AUDIT_OBJECT_TITLES, o))).toEqual([]);
    expect([...actors].filter((a) => !isTitled(AUDIT_ACTOR_TITLES, a))).toEqual([]);
  });

  it('reads an entry in Chinese: names, money, times, yes/no, known values; unknown names as written', () => {
    expect(W.action('dispatch.deliverNow')).toBe('立即发货');
    expect(W.action('brand.new.thing')).toBe('brand.new.thing');
    expect(W.actor('owner')).toBe('店主');
    expect(W.actor('robot')).toBe('robot');
    expect(auditObjectText(W, 'order_line', '123')).toBe('订单行 123');
    expect(auditObjectText(W, 'vault', null)).toBe('保险库');
    expect(auditObjectText(W, 'gadget', '7')).toBe('gadget 7');
    expect(
      auditSummaryText(W, { method: 'passphrase', amountFen: 123456, enabled: false, from: Date.UTC(2026, 0, 1, 4, 5, 6), to: 'held', mystery: 3, note: null, ids: [1, 2] }),
    ).toBe('保护方式：密码；金额：¥1,234.56；启用：否；从：2026-01-01 12:05:06；到：风控拦截；mystery：3；note：—；ids：1、2');
    expect(auditSummaryText(W, {})).toBe('');
    expect(auditSummaryText(W, { kind: 'black:ip', kinds: 'low_stock,otp', reason: '买家说：卡密无效,要退款', urlMasked: 'https://qyapi.weixin.qq.com/…' })).toBe(
      '类型：黑名单·IP；提醒类型：库存不足、验证码；原因：买家说：卡密无效,要退款；地址：https://qyapi.weixin.qq.com/…',
    );
  });
});
