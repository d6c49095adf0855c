import { formatFen, formatTime } from '../format.js';
import {
  AUDIT_ACTION_TITLES, AUDIT_ACTOR_TITLES, AUDIT_FIELD_TITLES, AUDIT_OBJECT_TITLES, AUDIT_TIME_FIELDS, AUDIT_VALUE_TITLES, isTitled,
} from './titles.js';

/**
 * How one audit entry reads for a person. The screen passes its dictionary (Chinese or English); the
 * export and the CLI use the Chinese words below. Each lookup returns the name as written when it has no
 * title, so nothing is ever hidden.
 */
export interface AuditWords {
  action(name: string): string;
  actor(name: string): string;
  object(type: string): string;
  field(name: string): string;
  value(value: string): string;
  yes: string;
  no: string;
  colon: string;
  separator: string;
}

const lookup = (table: Record<string, string>) => (name: string): string => (isTitled(table, name) ? (table[name] ?? name) : name);

export const CHINESE_AUDIT_WORDS: AuditWords = {
  action: lookup(AUDIT_ACTION_TITLES),
  actor: lookup(AUDIT_ACTOR_TITLES),
  object: lookup(AUDIT_OBJECT_TITLES),
  field: lookup(AUDIT_FIELD_TITLES),
  value: lookup(AUDIT_VALUE_TITLES),
  yes: '是',
  no: '否',
  colon: '：',
  separator: '；',
};

/** `订单行 123`, or just `保险库` for an object without an id. */
export function auditObjectText(words: AuditWords, objectType: string, objectId: string | null): string {
  return objectId === null || objectId === '' ? words.object(objectType) : `${words.object(objectType)} ${objectId}`;
}

/** `black:ip` → `黑名单·IP`, `low_stock,otp` → `库存不足、验证码`; a list with any unknown part stays as written. */
const SPLITS: [string, string][] = [[',', '、'], [':', '·']];

function textValue(words: AuditWords, raw: string): string {
  for (const [sep, glue] of SPLITS) {
    if (!raw.includes(sep)) continue;
    const parts = raw.split(sep);
    const read = parts.map((p) => textValue(words, p));
    return read.every((r, i) => r !== parts[i]) ? read.join(glue) : raw;
  }
  return words.value(raw);
}

function valueText(words: AuditWords, field: string, raw: unknown): string {
  if (raw === null || raw === undefined || raw === '') return '—';
  if (typeof raw === 'boolean') return raw ? words.yes : words.no;
  if (typeof raw === 'number') {
    if (field.endsWith('Fen') && Number.isSafeInteger(raw)) return formatFen(raw);
    if (AUDIT_TIME_FIELDS.has(field) && raw > 1e11 && Number.isFinite(raw)) return formatTime(raw);
    return String(raw);
  }
  if (typeof raw === 'string') return textValue(words, raw);
  if (Array.isArray(raw)) return raw.map((v) => valueText(words, field, v)).join('、');
  return JSON.stringify(raw);
}

/** `保护方式：密码；原因：买家反馈` — summaries never hold a secret (the core guarantees it), so all of it is shown. */
export function auditSummaryText(words: AuditWords, summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(([field, raw]) => `${words.field(field)}${words.colon}${valueText(words, field, raw)}`)
    .join(words.separator);
}
