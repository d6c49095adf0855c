import type { KeyField } from '../../../../../src-shared/contract/index.js';
import { normaliseCell } from '../cells.js';

/**
 * Header words suppliers use, per field (traditional-character forms for Taiwan/HK suppliers).
 * Compared after `headerKey`, so case, spaces, _ and remarks in brackets don't matter.
 */
const SYNONYMS: Record<KeyField, string[]> = {
  cardNo: ['卡号', '账号', '帐号', '序列号', '卡号/账号', '卡號', '帳號', '賬號', 'card_no', 'cardno', 'card number', 'account', 'serial', 'sn'],
  secret: ['卡密', '密码', '激活码', '兑换码', '密钥', '卡密/密码', '密碼', '激活碼', '兌換碼', '密鑰', 'code', 'password', 'pwd', 'secret', 'key', 'cdkey', 'redeem code'],
  expiry: ['有效期', '到期时间', '过期时间', '到期日', '截止日期', '有效期至', '到期時間', '過期時間', 'expire', 'expiry', 'expires', 'expiration', 'valid until'],
  faceValue: ['面值', '金额', '价值', '金額', '價值', 'face value', 'value', 'denomination', 'amount'],
  note: ['备注', '说明', '備註', '說明', 'remark', 'note', 'memo'],
};

/**
 * 卡密(必填) → 卡密, "Card No." → cardno, 卡号/账号 → 卡号账号: parenthesised remarks go, then everything
 * that is not a letter, digit or CJK character.
 */
export function headerKey(text: string): string {
  return normaliseCell(text)
    .toLowerCase()
    .replace(/[(（[【<《][^)）\]】>》]*[)）\]】>》]?/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const EXACT = new Map<string, KeyField>();
const CHINESE: [string, KeyField][] = [];
for (const [field, words] of Object.entries(SYNONYMS) as [KeyField, string[]][]) {
  for (const word of words) {
    EXACT.set(headerKey(word), field);
    if (/^\p{Script=Han}+$/u.test(word)) CHINESE.push([word, field]);
  }
}

/** The field a header names exactly, or null. */
export function exactHeaderField(text: string): KeyField | null {
  return EXACT.get(headerKey(text)) ?? null;
}

/**
 * The field a longer Chinese header contains (卡密信息 → secret, 商品面值 → faceValue) — only when it
 * points at a single field: 卡密备注 names two and stays unassigned.
 */
export function containedHeaderField(text: string): KeyField | null {
  const key = headerKey(text);
  const fields = new Set(CHINESE.filter(([word]) => key.includes(word)).map(([, field]) => field));
  return fields.size === 1 ? [...fields][0]! : null;
}
