// Shared readers (core/channels/units.ts, verify.ts): 元 without floats, Beijing time strict and lenient,
// Unix seconds, constant-time signature comparison and push headers.
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { fenFromYuan, formatGmt8, fromUnixSeconds, gmt8ToMs, toUnixSeconds, unitsFor } from '../../../src-main/core/channels/units.js';
import { pushHeader, sameHex } from '../../../src-main/core/channels/verify.js';

describe('money', () => {
  it('reads signed amounts only when the platform writes them', () => {
    expect(fenFromYuan('-3.10', true)).toBe(-310);
    expect(fenFromYuan('12.', true)).toBe(1200);
    expect(fenFromYuan('-3.10', false)).toBeUndefined();
    expect(fenFromYuan('12.', false)).toBeUndefined();
    expect(fenFromYuan(19.9, false)).toBe(1990);
    expect(fenFromYuan('1.005', true)).toBeUndefined();
    expect(fenFromYuan(null, true)).toBeUndefined();
  });

  it('names the platform and field when it refuses', () => {
    const units = unitsFor({ platform: '淘宝', signedYuan: true, strictTime: true });
    expect(() => units.yuanToFen('abc', 'payment')).toThrow(new ChannelError('bad_response', '淘宝返回的金额无法识别：payment=abc'));
  });
});

describe('Beijing time', () => {
  const at = Date.UTC(2026, 0, 31, 16, 30, 5);

  it('formats and parses GMT+8', () => {
    expect(formatGmt8(at)).toBe('2026-02-01 00:30:05');
    expect(gmt8ToMs('2026-02-01 00:30:05', true)).toBe(at);
    expect(gmt8ToMs('2026/02/01', false)).toBeUndefined();
  });

  it('strict refuses what lenient accepts', () => {
    expect(gmt8ToMs('2026-02-30 00:00:00', true)).toBeUndefined();
    expect(gmt8ToMs('2026-02-30 00:00:00', false)).toBe(Date.UTC(2026, 2, 1, 16));
    expect(gmt8ToMs(' 2026-02-01T00:30:05 ', true)).toBeUndefined();
    expect(gmt8ToMs(' 2026-02-01T00:30:05 ', false)).toBe(at);
  });

  it('treats an empty optional time as not set', () => {
    const units = unitsFor({ platform: '拼多多', signedYuan: false, strictTime: false });
    expect(units.optionalGmt8('', 'pay_time')).toBeNull();
    expect(() => units.parseGmt8('', 'pay_time')).toThrow(ChannelError);
  });

  it('converts Unix seconds', () => {
    expect(toUnixSeconds(1_780_000_100_999)).toBe(1_780_000_100);
    expect(fromUnixSeconds(1_780_000_100)).toBe(1_780_000_100_000);
  });
});

describe('push verification', () => {
  it('compares hex signatures in either case', () => {
    expect(sameHex('ABCDEF01', 'abcdef01')).toBe(true);
    expect(sameHex('abcdef01', 'abcdef02')).toBe(false);
    expect(sameHex('abcdef01', 'abcdef0')).toBe(false);
  });

  it('reads headers by any case, the first of a repeated one', () => {
    const headers = { 'X-Top-Sign': 'A1', 'event-sign': ['b2', 'c3'] };
    expect(pushHeader(headers, 'x-top-sign')).toBe('A1');
    expect(pushHeader(headers, 'Event-Sign')).toBe('b2');
    expect(pushHeader(headers, 'missing')).toBeUndefined();
  });
});
