// 黑名单 / 白名单: validation per subject, import with row-numbered problems, export, add from an order,
// expiry, and the automatic blacklist after a refund of redeemed keys.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { expectOk, unlockedCore } from '../../helpers/core.js';
import { openRiskDesk, audits, MINUTE } from './desk.js';
import type { ListEntryView } from '../../../src-shared/contract/index.js';
import type { Core } from '../../../src-main/core/index.js';

async function upload(core: Core, text: string, name = 'list.csv'): Promise<string> {
  return (await core.services.files.saveUpload(Readable.from([Buffer.from(text)]), name)).uploadId;
}

function entryCount(core: Core): number {
  return (core.services.sqlite.prepare('select count(*) as n from risk_list_entries').get() as { n: number }).n;
}

describe('risk lists', () => {
  it.each([
    ['phone', '1380000', '手机号：「1380000」不是 11 位中国大陆手机号'],
    ['phone', '+44 7700 900123', '手机号：「+44 7700 900123」不是 11 位中国大陆手机号'],
    ['phone', '12800001234', '手机号：「12800001234」不是 11 位中国大陆手机号'],
    ['email', 'not-an-email', '邮箱：「not-an-email」不是有效的邮箱地址'],
    ['ip', '1.2.3', 'IP：「1.2.3」不是有效的 IP 地址或网段（例如 1.2.3.4 或 10.0.0.0/8）'],
    ['ip', '10.0.0.0/33', 'IP：「10.0.0.0/33」的掩码位数应在 0–32 之间'],
  ] as const)('refuses a bad %s (%s) naming the field, writing nothing', async (subject, value, message) => {
    const { core } = await unlockedCore();
    const out = await core.call('risk.lists.add', { list: 'black', subject, value });
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message, details: { issues: [{ field: 'value', message }] } } });
    expect(entryCount(core)).toBe(0);
    expect(audits(core, 'risk.list')).toEqual([]);
    core.close();
  });

  it('adds, masks, finds by exact value, refuses duplicates, removes; all audited', async () => {
    const desk = await openRiskDesk({ keys: 1 });
    const phone = expectOk<ListEntryView>(await desk.core.call('risk.lists.add', { list: 'black', subject: 'phone', value: '+86 13800001234', note: '退款党' }));
    expect(phone).toMatchObject({ subject: 'phone', valueMasked: '138****1234', source: 'manual', hits: 0 });
    const range = expectOk<ListEntryView>(await desk.core.call('risk.lists.add', { list: 'black', subject: 'ip', value: '10.1.2.3/16' }));
    expect(range.valueMasked).toBe('10.1.0.0/16');
    expect(await desk.core.call('risk.lists.add', { list: 'black', subject: 'phone', value: '138-0000-1234' }))
      .toMatchObject({ ok: false, error: { message: '内容：已经在黑名单中（手机号）' } });
    expect(await desk.core.call('risk.lists.add', { list: 'black', subject: 'email', value: 'a@b.cn', expiresAt: desk.clock.now() - 1 }))
      .toMatchObject({ ok: false, error: { message: '到期时间：必须晚于现在' } });
    // The same phone may be on the whitelist too (the owner decides which rule comes first).
    expectOk(await desk.core.call('risk.lists.add', { list: 'white', subject: 'phone', value: '13800001234' }));
    const found = expectOk<{ entries: ListEntryView[]; total: number }>(await desk.core.call('risk.lists.list', { list: 'black', query: '13800001234' }));
    expect(found.entries.map((e) => e.id)).toEqual([phone.id]);
    expect(expectOk<{ total: number }>(await desk.core.call('risk.lists.list', { list: 'black', query: '退款' })).total).toBe(1);
    expect(expectOk<{ total: number }>(await desk.core.call('risk.lists.list', { list: 'black', subject: 'ip' })).total).toBe(1);
    expectOk(await desk.core.call('risk.lists.remove', { id: phone.id }));
    expect(expectOk<{ total: number }>(await desk.core.call('risk.lists.list', { list: 'black' })).total).toBe(1);
    expect(audits(desk.core, 'risk.list').map((a) => a.action)).toEqual(['risk.list.add', 'risk.list.add', 'risk.list.add', 'risk.list.remove']);
    expect(JSON.stringify(audits(desk.core, 'risk.list'))).not.toContain('13800001234');
  });

  it('imports a sheet: valid rows added, duplicates counted, bad rows reported by row number', async () => {
    const desk = await openRiskDesk({ keys: 1 });
    expectOk(await desk.core.call('risk.lists.add', { list: 'black', subject: 'email', value: 'old@qq.com' }));
    const csv = ['类型,内容,备注', '手机号,13800001234,刷单', '手机号,12345,', 'QQ,10001,', 'IP,10.0.0.0/8,机房', '邮箱,OLD@qq.com,', '买家,taobao:u-1,', 'IP,999.1.1.1,', '手机,138 0000 1234,重复'].join('\n');
    const uploadId = await upload(desk.core, csv);
    const out = expectOk<{ added: number; duplicates: number; problems: { row: number; reason: string }[] }>(
      await desk.core.call('risk.lists.import', { list: 'black', uploadId }));
    expect(out).toEqual({
      added: 3, duplicates: 2,
      problems: [
        { row: 3, reason: '手机号：「12345」不是 11 位中国大陆手机号' },
        { row: 4, reason: '类型「QQ」不认识，应为 买家 / IP / 设备 / 手机号 / 邮箱' },
        { row: 8, reason: 'IP：「999.1.1.1」不是有效的 IP 地址或网段（例如 1.2.3.4 或 10.0.0.0/8）' },
      ],
    });
    const entries = expectOk<{ entries: ListEntryView[] }>(await desk.core.call('risk.lists.list', { list: 'black' })).entries;
    expect(entries.filter((e) => e.source === 'import').map((e) => e.valueMasked).sort()).toEqual(['10.0.0.0/8', '138****1234', 'taobao:u**1']);
    expect(audits(desk.core, 'risk.list.import')).toMatchObject([{ summary: { imported: 3, duplicates: 2, invalid: 3 } }]);
    // The uploaded file (plaintext identities) is gone.
    expect(() => desk.core.services.files.upload(uploadId)).toThrow('上传的文件已过期或不存在');
  });

  it('exports plaintext .xlsx (audited) that imports back into the other list', async () => {
    const desk = await openRiskDesk({ keys: 1 });
    for (const [subject, value] of [['phone', '13800001234'], ['email', 'Fraud@Example.com'], ['ip', '2001:db8::/32'], ['device', 'DEV-1'], ['buyer', 'pdd:open-9']] as const) {
      expectOk(await desk.core.call('risk.lists.add', { list: 'black', subject, value, note: '备注' }));
    }
    const out = expectOk<{ downloadId: string; fileName: string; rows: number }>(await desk.core.call('risk.lists.export', { list: 'black' }));
    expect(out.rows).toBe(5);
    expect(out.fileName).toMatch(/^黑名单-\d{12}\.xlsx$/);
    const path = desk.core.services.files.download(out.downloadId).path;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const values = book.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 3));
    expect(values).toEqual([['手机号', '13800001234'], ['邮箱', 'fraud@example.com'], ['IP', '2001:db8::/32'], ['设备', 'DEV-1'], ['买家', 'pdd:open-9']]);
    expect(audits(desk.core, 'risk.list.export')).toMatchObject([{ actor: 'owner', summary: { rows: 5 } }]);
    const { readFileSync } = await import('node:fs');
    const uploadId = (await desk.core.services.files.saveUpload(Readable.from([readFileSync(path)]), 'back.xlsx')).uploadId;
    expect(expectOk(await desk.core.call('risk.lists.import', { list: 'white', uploadId }))).toEqual({ added: 5, duplicates: 0, problems: [] });
  });

  it('adds an order\'s identities in one click, reporting what the order lacks; expired entries never match', async () => {
    const desk = await openRiskDesk();
    const a = desk.order('taobao', { nick: 'tb-nick', ip: '10.9.9.9' }).orderId;
    await desk.sync();
    const out = expectOk<{ added: ListEntryView[]; skipped: { subject: string; reason: string }[] }>(await desk.core.call('risk.lists.addFromOrder', {
      lineId: desk.line(a).id, list: 'black', subjects: ['buyer', 'ip', 'phone', 'email'],
    }));
    expect(out.added.map((e) => [e.subject, e.source, e.valueMasked])).toEqual([['buyer', 'order', 't**k'], ['ip', 'order', '10.9.9.9']]);
    expect(out.skipped).toEqual([{ subject: 'phone', reason: '这笔订单没有手机号信息' }, { subject: 'email', reason: '这笔订单没有邮箱信息' }]);
    // Expiring entries: blocked while listed, delivered once the entry ran out.
    desk.core.services.sqlite.prepare('update risk_list_entries set expires_at = ?').run(desk.clock.now() + 30 * MINUTE);
    const b = desk.order('pdd', { nick: 'other', ip: '10.9.9.9' }).orderId;
    desk.clock.advance(5 * MINUTE);
    await desk.sync();
    expect(desk.line(b)).toMatchObject({ status: 'held', last_error: '风控：黑名单拦截' });
    desk.clock.advance(30 * MINUTE);
    const c = desk.order('pdd', { nick: 'third', ip: '10.9.9.9' }).orderId;
    desk.clock.advance(1);
    await desk.sync();
    expect(desk.line(c).status).toBe('delivered');
  });

  it('a refund after the keys were redeemed blacklists the buyer automatically; without redemption it does not', async () => {
    const desk = await openRiskDesk();
    const used = desk.order('taobao', { nick: 'refunder', deviceId: 'DEV-77' });
    const unused = desk.order('taobao', { nick: 'honest' });
    await desk.sync();
    expectOk(await desk.core.call('aftersales.markRedeemed', { lineId: desk.line(used.orderId).id, reason: '买家已使用' }));
    desk.clock.advance(MINUTE);
    desk.taobao.update(used.orderId, { lines: used.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
    desk.taobao.update(unused.orderId, { lines: unused.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
    await desk.sync();
    expect(desk.line(used.orderId).status).toBe('after_sales');
    const entries = expectOk<{ entries: ListEntryView[] }>(await desk.core.call('risk.lists.list', { list: 'black' })).entries;
    expect(entries.map((e) => [e.subject, e.source]).sort()).toEqual([['buyer', 'auto'], ['device', 'auto']]);
    expect(entries[0]!.note).toContain(used.orderId);
    expect(audits(desk.core, 'risk.list.auto').map((a) => a.actor)).toEqual(['system', 'system']);
    expect(desk.notices.some((n) => n.message.includes('自动加入黑名单'))).toBe(true);
    desk.clock.advance(2 * 60 * MINUTE);
    const again = desk.order('pdd', { nick: 'x', deviceId: 'dev-77' }).orderId;
    await desk.sync();
    expect(desk.line(again)).toMatchObject({ status: 'held', last_error: '风控：黑名单拦截' });
  });

  it('auto-blacklist stays off when the setting is off', async () => {
    const desk = await openRiskDesk();
    expectOk(await desk.core.call('risk.settings.update', { autoBlacklistRefundAfterRedeem: false }));
    const used = desk.order('taobao', { nick: 'refunder' });
    await desk.sync();
    expectOk(await desk.core.call('aftersales.markRedeemed', { lineId: desk.line(used.orderId).id, reason: '买家已使用' }));
    desk.taobao.update(used.orderId, { lines: used.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
    await desk.sync();
    expect(entryCount(desk.core)).toBe(0);
  });
});
