// The buyer's delivery message, from the product's template. Pure, shared: the core sends it and the
// product form previews it with the same default.

export const DEFAULT_DELIVERY_TEMPLATE =
  '您购买的「{商品名}」已发货：\n卡号：{卡号}\n卡密：{卡密}\n有效期至：{有效期}\n' +
  '使用方法：打开对应 App 或官网 →「我的」→「兑换/激活码」，粘贴卡密后确认。\n请尽快使用，如有问题请联系客服。';

export interface DeliveryKey {
  cardNo: string | null;
  secret: string;
  /** Epoch ms, or null for no expiry. */
  expiresAt: number | null;
}

const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

function expiryText(at: number | null): string {
  return at === null ? '长期有效' : dateFormat.format(at).replaceAll('/', '-');
}

/**
 * One block per key, joined by a blank line, so "3 张" arrive as three readable blocks. A template line
 * whose only placeholder is empty (no card number) is dropped rather than sent as "卡号：".
 */
export function renderDeliveryMessage(template: string | null, productName: string, keys: DeliveryKey[]): string {
  const source = template?.trim() ? template : DEFAULT_DELIVERY_TEMPLATE;
  const blocks = keys.map((key, i) => {
    const values: Record<string, string> = {
      商品名: keys.length > 1 ? `${productName}（${i + 1}/${keys.length}）` : productName,
      卡号: key.cardNo ?? '',
      卡密: key.secret,
      有效期: expiryText(key.expiresAt),
    };
    return source
      .split('\n')
      .filter((line) => !(line.includes('{卡号}') && !key.cardNo && line.replace(/\{卡号\}/g, '').trim().length <= 4))
      .map((line) => line.replace(/\{(商品名|卡号|卡密|有效期)\}/g, (_, name: string) => values[name] ?? ''))
      .join('\n');
  });
  return blocks.join('\n\n');
}
