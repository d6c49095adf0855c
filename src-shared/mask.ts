/**
 * How a secret is shown when it is not being revealed: enough to tell two keys apart on the phone
 * with a buyer, never enough to use. `K3X8-ABCD-EFGH-9Q` → `K3X8****9Q`.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  if (chars.length <= 4) return '****';
  if (chars.length <= 8) return `${chars.slice(0, 2).join('')}****${chars.at(-1)}`;
  return `${chars.slice(0, 4).join('')}****${chars.slice(-2).join('')}`;
}
