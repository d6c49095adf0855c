// Who an order came from, normalised the same way everywhere (capture, lists, backtest) so a blind index
// of one equals a blind index of the other. Pure: the index function comes in as a parameter.
import { parseCidr, parseIp, type ParsedIp } from '../../../src-shared/risk/cidr.js';
import type { RiskSubject } from '../../../src-shared/risk/rules.js';
import { maskSecret } from '../../../src-shared/mask.js';
import { maskAccount } from '../../../src-shared/recharge-account.js';
import { maskBuyer } from '../orders/timeline.js';

/** The raw signals as sealed in `order_signals.signals_sealed` (AAD `signals:<orderId>`). */
export interface RawSignals {
  id: string | null;
  nick: string | null;
  phone: string | null;
  email: string | null;
  ip: string | null;
  device: string | null;
  message: string | null;
}

export type IdentityKind = 'phone' | 'email' | 'buyerId' | 'nick' | 'ip' | 'device';

/** Distinct prefixes: a phone number and a nick made of the same digits are different identities. */
const PREFIX: Record<IdentityKind, string> = {
  phone: 'risk:phone:', email: 'risk:email:', buyerId: 'risk:buyer-id:', nick: 'risk:nick:', ip: 'risk:ip:', device: 'risk:device:',
};

export const signalsAad = (orderId: number): string => `signals:${orderId}`;
export const listAad = (entryId: number): string => `list:${entryId}`;

/** `+86 138-0000-0000` → `13800000000`; null when no digit is left. */
export function normalisePhone(input: string): string | null {
  let digits = input.replace(/\D/g, '');
  if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits === '' ? null : digits;
}

export const isCnMobile = (digits: string): boolean => /^1[3-9]\d{9}$/.test(digits);
export const isEmail = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 128;

const lowerTrim = (s: string): string => s.trim().toLowerCase();
const nonEmpty = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

/** Canonical text of an address, so `::ffff:1.2.3.4` and `1.2.3.4` index alike. */
export function ipKey(ip: ParsedIp): string {
  return `${ip.version}:${ip.value.toString(16)}`;
}

/** The string under the blind index of one identity; null when the value normalises to nothing. */
export function indexText(kind: IdentityKind, value: string, platform?: string): string | null {
  switch (kind) {
    case 'phone': {
      const p = normalisePhone(value);
      return p ? PREFIX.phone + p : null;
    }
    case 'email':
    case 'nick':
    case 'device': {
      const v = lowerTrim(value);
      return v ? PREFIX[kind] + v : null;
    }
    case 'buyerId': {
      const v = value.trim();
      return v && platform ? `${PREFIX.buyerId}${platform}:${v}` : null;
    }
    case 'ip': {
      const ip = parseIp(value);
      return ip ? PREFIX.ip + ipKey(ip) : null;
    }
  }
}

export interface OrderIdentities {
  buyerKey: Buffer | null;
  buyerId: Buffer | null;
  nick: Buffer | null;
  phone: Buffer | null;
  email: Buffer | null;
  ip: Buffer | null;
  device: Buffer | null;
}

/** Blind indexes of an order's identities; buyer_key = phone → email → platform id → nick. */
export function identitiesOf(raw: RawSignals, platform: string, blindIndex: (text: string) => Buffer): OrderIdentities {
  const idx = (kind: IdentityKind, v: string | null): Buffer | null => {
    if (v === null) return null;
    const text = indexText(kind, v, platform);
    return text ? blindIndex(text) : null;
  };
  const out = {
    buyerId: idx('buyerId', raw.id), nick: idx('nick', raw.nick), phone: idx('phone', raw.phone), email: idx('email', raw.email),
    ip: idx('ip', raw.ip), device: idx('device', raw.device),
  };
  return { ...out, buyerKey: out.phone ?? out.email ?? out.buyerId ?? out.nick };
}

export function rawSignalsOf(buyer: { id?: string; nick?: string; phone?: string; email?: string; ip?: string; deviceId?: string }, message?: string): RawSignals {
  return {
    id: nonEmpty(buyer.id), nick: nonEmpty(buyer.nick), phone: nonEmpty(buyer.phone), email: nonEmpty(buyer.email),
    ip: nonEmpty(buyer.ip), device: nonEmpty(buyer.deviceId), message: nonEmpty(message?.slice(0, 2000)),
  };
}

export const maskPhone = (phone: string): string => maskAccount(normalisePhone(phone) ?? phone);
export const maskEmail = (email: string): string => maskAccount(email.trim().toLowerCase());
export const maskDevice = (device: string): string => maskSecret(device.trim());

/** A list value as the owner typed it, checked and normalised for its subject. */
export type ListValue =
  | { ok: true; kind: 'index'; indexText: string; stored: string; masked: string }
  | { ok: true; kind: 'cidr'; cidr: string; stored: string; masked: string }
  | { ok: false; reason: string };

const PLATFORM_ID = /^(taobao|pdd|doudian|youzan|weidian|site):(.+)$/;

/**
 * `buyer` takes any identity of a buyer and reads it the way buyer_key is built: a mobile number, an
 * email, `platform:id`, else a nick. Reasons name the field (内容) in Chinese.
 */
export function parseListValue(subject: RiskSubject, input: string): ListValue {
  const value = input.trim();
  if (value === '') return { ok: false, reason: '内容不能为空' };
  if (value.length > 200) return { ok: false, reason: '内容太长（最多 200 个字符）' };
  switch (subject) {
    case 'ip': {
      if (value.includes('/')) {
        const r = parseCidr(value);
        if (!r.ok) return { ok: false, reason: `IP：${r.reason}` };
        const full = r.range.bits === (r.range.version === 4 ? 32 : 128);
        if (!full) return { ok: true, kind: 'cidr', cidr: r.range.text, stored: r.range.text, masked: r.range.text };
        return parseListValue('ip', value.split('/')[0] ?? '');
      }
      const ip = parseIp(value);
      if (!ip) return { ok: false, reason: `IP：「${value}」不是有效的 IP 地址或网段（例如 1.2.3.4 或 10.0.0.0/8）` };
      return { ok: true, kind: 'index', indexText: PREFIX.ip + ipKey(ip), stored: value, masked: value };
    }
    case 'phone': {
      const digits = normalisePhone(value);
      if (!digits || !isCnMobile(digits)) return { ok: false, reason: `手机号：「${value}」不是 11 位中国大陆手机号` };
      return { ok: true, kind: 'index', indexText: PREFIX.phone + digits, stored: digits, masked: maskAccount(digits) };
    }
    case 'email': {
      if (!isEmail(value)) return { ok: false, reason: `邮箱：「${value}」不是有效的邮箱地址` };
      return { ok: true, kind: 'index', indexText: PREFIX.email + lowerTrim(value), stored: lowerTrim(value), masked: maskAccount(lowerTrim(value)) };
    }
    case 'device':
      if (value.length > 128) return { ok: false, reason: '设备：设备号太长（最多 128 个字符）' };
      return { ok: true, kind: 'index', indexText: PREFIX.device + lowerTrim(value), stored: value, masked: maskSecret(value) };
    case 'buyer': {
      const digits = normalisePhone(value);
      if (digits && isCnMobile(digits) && /^[\d\s+()-]+$/.test(value)) return parseListValue('phone', value);
      if (isEmail(value)) return parseListValue('email', value);
      const scoped = PLATFORM_ID.exec(value);
      if (scoped) return { ok: true, kind: 'index', indexText: `${PREFIX.buyerId}${scoped[1]}:${scoped[2]!.trim()}`, stored: value, masked: `${scoped[1]}:${maskBuyer(scoped[2]!.trim())}` };
      return { ok: true, kind: 'index', indexText: PREFIX.nick + lowerTrim(value), stored: value, masked: maskBuyer(value) };
    }
  }
}

/** The value a buyer identity of an order would be listed under (addFromOrder), best identity first. */
export function buyerListValue(raw: RawSignals, platform: string): string | null {
  if (raw.phone && normalisePhone(raw.phone)) return normalisePhone(raw.phone);
  if (raw.email) return lowerTrim(raw.email);
  if (raw.id) return `${platform}:${raw.id}`;
  return raw.nick;
}
