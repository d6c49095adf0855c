import { describe, expect, it } from 'vitest';
import { identitiesOf, indexText, normalisePhone, parseListValue, rawSignalsOf } from '../../../src-main/core/risk/identity.js';
import { hourInShanghai, dayNumberInShanghai, dayText } from '../../../src-main/core/risk/shanghai.js';

const fakeIndex = (text: string) => Buffer.from(text);

describe('risk identities', () => {
  it.each([
    ['+86 138-0000-1234', '13800001234'],
    ['8613800001234', '13800001234'],
    ['0086 13800001234', '13800001234'],
    ['138 0000 1234', '13800001234'],
    ['abc', null],
  ])('phone %s → %s', (input, out) => expect(normalisePhone(input)).toBe(out));

  it('index texts are prefixed per kind and normalised', () => {
    expect(indexText('phone', '+86 13800001234')).toBe('risk:phone:13800001234');
    expect(indexText('email', ' Fraud@Example.COM ')).toBe('risk:email:fraud@example.com');
    expect(indexText('buyerId', 'u123', 'taobao')).toBe('risk:buyer-id:taobao:u123');
    expect(indexText('nick', ' Tb_Buyer ')).toBe('risk:nick:tb_buyer');
    expect(indexText('ip', '::ffff:1.2.3.4')).toBe(indexText('ip', '1.2.3.4'));
    expect(indexText('ip', 'not-an-ip')).toBeNull();
  });

  it('buyer key: phone, else email, else platform id, else nick', () => {
    const ids = (b: Parameters<typeof rawSignalsOf>[0]) => identitiesOf(rawSignalsOf(b), 'pdd', fakeIndex).buyerKey?.toString();
    expect(ids({ id: 'u1', nick: 'n', phone: '13800001234', email: 'a@b.cn' })).toBe('risk:phone:13800001234');
    expect(ids({ id: 'u1', nick: 'n', email: 'A@b.cn' })).toBe('risk:email:a@b.cn');
    expect(ids({ id: 'u1', nick: 'n' })).toBe('risk:buyer-id:pdd:u1');
    expect(ids({ nick: 'N ' })).toBe('risk:nick:n');
    expect(ids({ nick: '  ' })).toBeUndefined();
  });

  it.each([
    ['phone', '138 0000 1234', { ok: true, indexText: 'risk:phone:13800001234', masked: '138****1234' }],
    ['phone', '12345', { ok: false, reason: '手机号：「12345」不是 11 位中国大陆手机号' }],
    ['email', 'x@@y', { ok: false }],
    ['email', 'Fraud@Example.com', { ok: true, indexText: 'risk:email:fraud@example.com', masked: 'f***@example.com' }],
    ['ip', '10.0.0.0/8', { ok: true, kind: 'cidr', cidr: '10.0.0.0/8' }],
    ['ip', '10.1.2.3/32', { ok: true, kind: 'index' }],
    ['ip', '10.1.2', { ok: false }],
    ['ip', '10.0.0.0/40', { ok: false }],
    ['buyer', '13800001234', { ok: true, indexText: 'risk:phone:13800001234' }],
    ['buyer', 'taobao:u123', { ok: true, indexText: 'risk:buyer-id:taobao:u123' }],
    ['buyer', 'Tb_Nick', { ok: true, indexText: 'risk:nick:tb_nick' }],
    ['device', 'DEV-1', { ok: true, indexText: 'risk:device:dev-1' }],
  ] as const)('list value %s %s', (subject, value, expected) => {
    expect(parseListValue(subject, value)).toMatchObject(expected);
  });
});

describe('Beijing time', () => {
  it('hours and days are UTC+8', () => {
    const t = Date.UTC(2024, 3, 30, 16, 30); // 2024-05-01 00:30 Beijing
    expect(hourInShanghai(t)).toBe(0);
    expect(hourInShanghai(t - 3_600_000)).toBe(23);
    expect(dayText(dayNumberInShanghai(t))).toBe('2024-05-01');
    expect(dayText(dayNumberInShanghai(t - 3_600_000))).toBe('2024-04-30');
  });
});
