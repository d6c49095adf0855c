// A shop on a sandbox platform, connected to a core the way the owner would: created on the platform
// (control API), an item whose 商家编码 is the product code, then added in KeyDesk with its credentials.
import type { Core } from '../../src-main/core/index.js';
import type { PlatformName } from '../../src-shared/contract/index.js';

export interface SimShop {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}

export type Control = <T = unknown>(path: string, body?: unknown) => Promise<T>;

/** The sandbox's control API: GET without a body, POST JSON with one; a refusal throws with its answer. */
export function sandboxControl(sandboxUrl: string): Control {
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandboxUrl}/_control/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
    return json;
  };
}

export async function connectSandboxShop(
  core: Core,
  sandbox: { url: string; control: Control },
  platform: PlatformName,
  options: { productCode: string; pollSeconds?: number; pushBase?: string; priceFen?: number },
): Promise<{ shopId: number; simShop: SimShop; itemId: string }> {
  const simShop = await sandbox.control<SimShop>(`${platform}/createShop`, { name: '沙箱测试店' });
  const item = await sandbox.control<{ itemId: string }>(`${platform}/createItem`, {
    shopId: simShop.shopId, title: '爱奇艺黄金会员月卡', priceFen: options.priceFen ?? 1990, outerId: options.productCode,
  });
  const added = await core.call('shops.add', {
    platform,
    name: `沙箱${platform}`,
    credentials: {
      appKey: simShop.appKey, appSecret: simShop.appSecret, accessToken: simShop.accessToken, refreshToken: simShop.refreshToken,
      shopRef: platform === 'taobao' ? simShop.name : simShop.shopId, endpoint: `${sandbox.url}/${platform}`,
    },
    pollSeconds: options.pollSeconds ?? 5,
    catchUpHours: 1,
  });
  if (!added.ok) throw new Error(`shops.add: ${JSON.stringify(added.error)}`);
  const shopId = (added.data as { id: number }).id;
  if (options.pushBase) {
    await sandbox.control(`${platform}/setPushUrl`, { shopId: simShop.shopId, pushUrl: `${options.pushBase}/push/${platform}/${shopId}` });
  }
  return { shopId, simShop, itemId: item.itemId };
}
