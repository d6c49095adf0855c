// IP addresses and CIDR ranges as bigints, for list membership and the "IP 在网段内" rule condition.
// Pure: the rule editor validates with it in the browser, the core matches with it.

export interface CidrRange {
  /** 4 or 6. An IPv4 address never matches an IPv6 range and vice versa (IPv4-mapped IPv6 is unwrapped). */
  version: 4 | 6;
  base: bigint;
  bits: number;
  /** The range as the owner should read it back, normalised (`10.0.0.0/8`). */
  text: string;
}

export interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

function parseIpv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255 || (p.length > 1 && p.startsWith('0'))) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIpv6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): string[] | null => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const words: number[] = [];
  const pushGroups = (gs: string[]): boolean => {
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i] ?? '';
      if (i === gs.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (v4 === null) return false;
        words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
      words.push(parseInt(g, 16));
    }
    return true;
  };
  if (!pushGroups(head)) return null;
  const headLen = words.length;
  if (!pushGroups(tail)) return null;
  const tailWords = words.splice(headLen);
  if (halves.length === 2) {
    const fill = 8 - headLen - tailWords.length;
    if (fill < 1) return null;
    words.push(...new Array<number>(fill).fill(0));
  }
  words.push(...tailWords);
  if (words.length !== 8) return null;
  return words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

const MAPPED_V4_PREFIX = 0xffffn << 32n;

/** Parses an IPv4 or IPv6 address; null when it is not one. `::ffff:1.2.3.4` reads as IPv4. */
export function parseIp(input: string): ParsedIp | null {
  const s = input.trim();
  if (s.includes(':')) {
    const v6 = parseIpv6(s);
    if (v6 === null) return null;
    if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 - MAPPED_V4_PREFIX };
    return { version: 6, value: v6 };
  }
  const v4 = parseIpv4(s);
  return v4 === null ? null : { version: 4, value: v4 };
}

function formatIp(version: 4 | 6, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  return words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Parses `1.2.3.0/24`, `2001:db8::/32`, or a bare address (a /32 or /128). Returns a Chinese reason when invalid. */
export function parseCidr(input: string): { ok: true; range: CidrRange } | { ok: false; reason: string } {
  const s = input.trim();
  if (s === '') return { ok: false, reason: '网段不能为空' };
  const [addr = '', bitsText, extra] = s.split('/');
  if (extra !== undefined) return { ok: false, reason: `「${s}」不是有效的网段（只能有一个 /）` };
  const ip = parseIp(addr);
  if (!ip) return { ok: false, reason: `「${addr}」不是有效的 IP 地址` };
  const max = ip.version === 4 ? 32 : 128;
  let bits = max;
  if (bitsText !== undefined) {
    if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > max) return { ok: false, reason: `「${s}」的掩码位数应在 0–${max} 之间` };
    bits = Number(bitsText);
  }
  const hostBits = BigInt(max - bits);
  const base = (ip.value >> hostBits) << hostBits;
  const text = `${formatIp(ip.version, base)}/${bits}`;
  return { ok: true, range: { version: ip.version, base, bits, text } };
}

export function cidrContains(range: CidrRange, ip: ParsedIp): boolean {
  if (range.version !== ip.version) return false;
  const hostBits = BigInt((range.version === 4 ? 32 : 128) - range.bits);
  return ip.value >> hostBits === range.base >> hostBits;
}

/** Compiles an owner-typed pattern; the reason names what is wrong in Chinese. Case-insensitive. */
export function compilePattern(pattern: string): { ok: true; regex: RegExp } | { ok: false; reason: string } {
  if (pattern.length === 0) return { ok: false, reason: '正则表达式不能为空' };
  if (pattern.length > 200) return { ok: false, reason: '正则表达式太长（最多 200 个字符）' };
  try {
    return { ok: true, regex: new RegExp(pattern, 'iu') };
  } catch (err) {
    return { ok: false, reason: `正则表达式无效：${(err as Error).message}` };
  }
}
