import type { KeyField } from '../../../../src-shared/contract/index.js';
import type { RawRow } from '../reading/index.js';
import { parseExpiry, isFooterRow } from '../reading/index.js';

export type Mapping = Partial<Record<KeyField, number>>;

/** A row that passed every per-row rule and may become a key. */
export interface Candidate {
  row: number;
  cardNo: string | null;
  secret: string;
  expiresAt: number | null;
  extra: { faceValue?: string; note?: string } | null;
}

export type RowVerdict =
  | { kind: 'key'; key: Candidate }
  | { kind: 'skip' }
  | { kind: 'invalid'; row: number; reason: string };

export const MAX_SECRET_LENGTH = 500;
export const MAX_CELL_LENGTH = 10_000;

/**
 * Pure: one row of the file → a key candidate, a reason it is invalid, or nothing (blank, footer).
 * Every reason names the column in the merchant's words so the problem list is actionable.
 */
export function judgeRow(raw: RawRow, mapping: Mapping, ctx: { now: number; batchExpiresAt: number | null }): RowVerdict {
  const cell = (field: KeyField) => (mapping[field] === undefined ? undefined : raw.cells[mapping[field]!]);
  const texts = raw.cells.map((c) => c.text);
  if (texts.every((t) => t === '')) return { kind: 'skip' };
  if (isFooterRow(raw)) return { kind: 'skip' };

  const invalid = (reason: string): RowVerdict => ({ kind: 'invalid', row: raw.row, reason });
  for (const c of raw.cells) {
    if (c.text.length > MAX_CELL_LENGTH) return invalid('单元格内容过长（超过 1 万个字符），可能不是卡密');
  }
  const mappedCells = Object.values(mapping).map((i) => raw.cells[i!]?.text ?? '');
  if (mappedCells.some((t) => t.includes('\uFFFD'))) {
    return invalid('这一行含有无法识别的字符（文件编码混杂），请另存为 UTF-8 或 Excel 格式后重新导入');
  }
  const secretCell = cell('secret');
  const cardCell = cell('cardNo');
  for (const [label, c] of [['卡密', secretCell], ['卡号', cardCell]] as const) {
    if (c?.unsafeNumber) return invalid(`${label}是超过 15 位的数字，Excel 已丢失末尾数字；请把该列设为“文本”格式后重新导出`);
  }
  const secret = secretCell?.text ?? '';
  if (secret === '') return invalid('卡密为空');
  if ([...secret].length > MAX_SECRET_LENGTH) return invalid(`卡密过长（超过 ${MAX_SECRET_LENGTH} 个字符）`);
  const cardNo = cardCell?.text || null;
  if (cardNo !== null && cardNo.length > 200) return invalid('卡号过长（超过 200 个字符）');

  let expiresAt = ctx.batchExpiresAt;
  const expiryText = cell('expiry')?.text ?? '';
  if (expiryText !== '') {
    const parsed = expiryOf(expiryText);
    if (!parsed.ok) return invalid(`有效期：${parsed.reason}`);
    expiresAt = parsed.endMs;
  }
  if (expiresAt !== null && expiresAt < ctx.now) return invalid('已过期，不能入库');

  const faceValue = cell('faceValue')?.text;
  const note = cell('note')?.text;
  const extra = faceValue || note ? { ...(faceValue && { faceValue }), ...(note && { note }) } : null;
  return { kind: 'key', key: { row: raw.row, cardNo, secret, expiresAt, extra } };
}

/**
 * What dedupe compares. Spacing inside a key is layout, not content (`ABCD EFGH` = `ABCDEFGH`); case
 * is kept because some platforms' codes are case-sensitive. Full-width forms were folded by the reader.
 */
export function normaliseSecret(secret: string): string {
  return secret.replace(/\s+/g, '');
}

// A supplier file repeats the same few expiry dates on every row: parse each distinct text once.
const expiryMemo = new Map<string, ReturnType<typeof parseExpiry>>();
function expiryOf(text: string): ReturnType<typeof parseExpiry> {
  let parsed = expiryMemo.get(text);
  if (!parsed) {
    if (expiryMemo.size > 10_000) expiryMemo.clear();
    parsed = parseExpiry(text);
    expiryMemo.set(text, parsed);
  }
  return parsed;
}
