// 充值账号: finding and checking the account a 直充 (direct top-up) line is recharged onto. Pure, so the
// product editor previews a rule on a sample message with exactly the code the order path runs.

export const ACCOUNT_RULES = ['phone', 'qq', 'email', 'phone_or_qq', 'regex', 'any'] as const;
export type AccountRule = (typeof ACCOUNT_RULES)[number];

export const ACCOUNT_RULE_TITLES: Record<AccountRule, string> = {
  phone: '手机号',
  qq: 'QQ 号',
  email: '邮箱',
  phone_or_qq: '手机号或 QQ 号',
  regex: '自定义规则（正则）',
  any: '不检查格式',
};

const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const QQ = /(?<!\d)[1-9]\d{4,11}(?!\d)/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

export type AccountParse = { ok: true; account: string } | { ok: false; reason: string };

/** Full-width digits/letters and spaces inside numbers are how buyers type on phones: normalise them. */
export function normaliseBuyerText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/(\d)[\s-](?=\d)/g, '$1');
}

/** Checks a custom rule before it is saved: the product editor shows this message on the field. */
export function checkAccountRegex(source: string): string | null {
  if (!source.trim()) return '请填写自定义规则';
  if (source.length > 200) return '自定义规则最多 200 个字符';
  try {
    new RegExp(source, 'u');
    return null;
  } catch (err) {
    return `自定义规则不是有效的正则表达式：${(err as Error).message}`;
  }
}

function find(rule: AccountRule, text: string, regex: string | null): string | null {
  switch (rule) {
    case 'phone':
      return PHONE.exec(text)?.[0] ?? null;
    case 'qq':
      return QQ.exec(text)?.[0] ?? null;
    case 'email':
      return EMAIL.exec(text)?.[0] ?? null;
    case 'phone_or_qq':
      return PHONE.exec(text)?.[0] ?? QQ.exec(text)?.[0] ?? null;
    case 'regex': {
      if (!regex || checkAccountRegex(regex)) return null;
      const m = new RegExp(regex, 'u').exec(text);
      return m ? (m[1] ?? m[0]) : null;
    }
    case 'any':
      return text.trim() || null;
  }
}

/**
 * The account from what the buyer gave. A platform account field (抖店 account_list) must match the rule
 * whole; a free-text buyer message is searched for the first match. The reason is a Chinese sentence
 * the owner can forward to the buyer.
 */
export function parseRechargeAccount(input: { field?: string | null; message?: string | null }, rule: AccountRule, regex: string | null = null): AccountParse {
  const title = ACCOUNT_RULE_TITLES[rule];
  const field = input.field ? normaliseBuyerText(input.field).trim() : '';
  if (field) {
    const found = find(rule, field, regex);
    if (found && (rule === 'regex' || rule === 'any' || found === field)) return { ok: true, account: found };
    return { ok: false, reason: `买家填写的充值账号「${maskAccount(field)}」不是有效的${title}` };
  }
  const message = input.message ? normaliseBuyerText(input.message) : '';
  if (!message.trim()) return { ok: false, reason: `买家没有填写充值账号（需要${title}），请联系买家补充` };
  const found = find(rule, message, regex);
  if (!found) return { ok: false, reason: `买家留言里没有找到有效的${title}，请联系买家补充` };
  return { ok: true, account: found.slice(0, 100) };
}

/** 13812345678 → 138****5678; a@b.com → a***@b.com; short ids keep first and last characters. */
export function maskAccount(account: string): string {
  const at = account.indexOf('@');
  if (at > 0) return `${account.slice(0, 1)}***${account.slice(at)}`;
  if (account.length >= 7) return `${account.slice(0, 3)}****${account.slice(-4)}`;
  if (account.length <= 2) return '*'.repeat(account.length);
  return `${account.slice(0, 1)}${'*'.repeat(account.length - 2)}${account.slice(-1)}`;
}
