// 短信网关 settings: stored under one settings key, the AccessKey Secret sealed by the vault and never
// returned (the view says only whether one is set). Every change is audited in its transaction.
import type { z } from 'zod';
import { KeyDeskError, type smsSettings as smsSettingsSchema } from '../../../../src-shared/contract/index.js';
import type { VerifyDeps } from './index.js';
import type { SmsAccount } from './sms-gateway.js';

export type SmsSettingsView = z.infer<typeof smsSettingsSchema>;

/** The real gateway, used when the owner leaves the address empty. */
export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';
const KEY = 'risk.sms';
const SECRET_AAD = 'sms-gateway:accessKeySecret';

interface Stored {
  enabled: boolean;
  endpoint: string | null;
  accessKeyId: string | null;
  signName: string | null;
  templateCode: string | null;
  /** base64 of the sealed AccessKey Secret. */
  secretSealed: string | null;
}

const EMPTY: Stored = { enabled: false, endpoint: null, accessKeyId: null, signName: null, templateCode: null, secretSealed: null };

type Deps = Pick<VerifyDeps, 'sqlite' | 'vault' | 'settings' | 'appendAudit'>;

const bad = (field: string, message: string) => new KeyDeskError('INVALID_INPUT', { field }, message);

function read(d: Deps): Stored {
  const raw = d.settings.get(KEY) as Partial<Stored> | undefined;
  return { ...EMPTY, ...(raw ?? {}) };
}

export function smsView(d: Deps): SmsSettingsView {
  const s = read(d);
  return { enabled: s.enabled, endpoint: s.endpoint, accessKeyId: s.accessKeyId, signName: s.signName, templateCode: s.templateCode, secretSet: s.secretSealed !== null };
}

/** Trimmed text, or null for empty; refuses what the gateway would refuse anyway, naming the field. */
function clean(field: string, label: string, value: string | null | undefined, pattern?: { re: RegExp; hint: string }): string | null | undefined {
  if (value === undefined) return undefined;
  const v = value === null ? '' : value.trim();
  if (v === '') return null;
  if (v.length > 100) throw bad(field, `${label}太长（最多 100 个字符）`);
  if (pattern && !pattern.re.test(v)) throw bad(field, `${label}格式不对：${pattern.hint}`);
  return v;
}

function cleanEndpoint(value: string | null | undefined): string | null | undefined {
  const v = clean('endpoint', '短信网关地址', value);
  if (v === undefined || v === null) return v;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw bad('endpoint', '短信网关地址不是有效的网址，例如 https://dysmsapi.aliyuncs.com/');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('endpoint', '短信网关地址必须以 http:// 或 https:// 开头');
  return url.toString();
}

export function updateSmsSettings(d: Deps, input: Partial<SmsSettingsView>, actor = 'owner'): SmsSettingsView {
  const prev = read(d);
  const next: Stored = { ...prev };
  const endpoint = cleanEndpoint(input.endpoint);
  const accessKeyId = clean('accessKeyId', 'AccessKey ID', input.accessKeyId, { re: /^[\w.-]+$/, hint: '只能是字母、数字、点、下划线和横线' });
  const signName = clean('signName', '短信签名', input.signName, { re: /^[^【】[\]\s]{2,12}$/, hint: '2–12 个字，不要带【】和空格' });
  const templateCode = clean('templateCode', '模板 CODE', input.templateCode, { re: /^SMS_\w+$/, hint: '形如 SMS_123456789' });
  if (endpoint !== undefined) next.endpoint = endpoint;
  if (accessKeyId !== undefined) next.accessKeyId = accessKeyId;
  if (signName !== undefined) next.signName = signName;
  if (templateCode !== undefined) next.templateCode = templateCode;
  // A blank secret field means "keep the stored one", like an absent one: the form never shows the secret.
  const secret = input.accessKeySecret?.trim() || undefined;
  if (secret !== undefined && secret.length > 100) throw bad('accessKeySecret', 'AccessKey Secret 太长（最多 100 个字符）');
  if (input.enabled !== undefined) next.enabled = input.enabled;
  if (next.enabled && (!next.accessKeyId || !next.signName || !next.templateCode || (!secret && !next.secretSealed))) {
    throw bad('enabled', '开启短信验证前，请填写 AccessKey ID、AccessKey Secret、短信签名和模板 CODE');
  }
  const changed: string[] = (['enabled', 'endpoint', 'accessKeyId', 'signName', 'templateCode'] as const).filter((k) => next[k] !== prev[k]);
  if (secret) {
    next.secretSealed = d.vault.encrypt(secret, SECRET_AAD).toString('base64');
    changed.push('accessKeySecret');
  }
  if (changed.length === 0) return smsView(d);
  d.sqlite.transaction(() => {
    d.settings.set(KEY, next);
    d.appendAudit({ actor, action: 'risk.sms.update', objectType: 'settings', objectId: 'sms', summary: { changed: changed.join(','), enabled: next.enabled } });
  }).immediate();
  return smsView(d);
}

export type AccountCheck = { ok: true; account: SmsAccount } | { ok: false; message: string };

/** The account as a send needs it; `requireEnabled` is off for the owner's test message. */
export function smsAccount(d: Deps, requireEnabled: boolean): AccountCheck {
  const s = read(d);
  if (requireEnabled && !s.enabled) return { ok: false, message: '短信网关没有开启，无法给买家发验证码；请在风控设置里开启短信网关，或人工核实后放行' };
  if (!s.accessKeyId || !s.signName || !s.templateCode || !s.secretSealed) {
    return { ok: false, message: '短信网关还没设置好：请填写 AccessKey ID、AccessKey Secret、短信签名和模板 CODE' };
  }
  return {
    ok: true,
    account: {
      endpoint: s.endpoint ?? ALIYUN_SMS_ENDPOINT,
      accessKeyId: s.accessKeyId,
      accessKeySecret: d.vault.decrypt(Buffer.from(s.secretSealed, 'base64'), SECRET_AAD),
      signName: s.signName,
      templateCode: s.templateCode,
    },
  };
}
