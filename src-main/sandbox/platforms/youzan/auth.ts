// `POST /auth/token`: 有赞云's token endpoint for 自用型 apps (authorize_type `silent`, grant_id = the
// shop's kdt_id). `refresh: true` always issues a new token; otherwise a still-valid token is returned.
import type { SimRequest, SimResponse } from '../../types.js';
import type { PlatformStore } from '../store.js';
import { tokenError } from './protocol.js';

export function issueToken(req: SimRequest, store: PlatformStore, now: number): SimResponse {
  const body = req.json<Record<string, unknown>>();
  if (typeof body !== 'object' || body === null) return tokenError(1000, '请求体必须是 JSON');
  const { client_id: clientId, client_secret: clientSecret, authorize_type: type, grant_id: grantId, refresh } = body;
  if (typeof clientId !== 'string' || clientId === '') return tokenError(1004, 'client_id 不能为空');
  const shop = store.shopByAppKey(clientId);
  if (!shop) return tokenError(1103, 'Client 不存在');
  if (clientSecret !== shop.appSecret) return tokenError(1000, 'client_secret 不正确');
  if (type !== 'silent') return tokenError(1005, '沙箱只支持自用型应用的 authorize_type=silent');
  if (String(grantId ?? '') !== shop.shopId) return tokenError(1103, '授权关系不存在：grant_id 不是授权给该应用的店铺');
  if (refresh === true || shop.tokenExpiresAt <= now) store.issueToken(shop);
  return {
    status: 200,
    body: {
      success: true,
      code: 200,
      message: null,
      data: { access_token: shop.accessToken, expires: shop.tokenExpiresAt, scope: 'trade logistics shop', authority_id: shop.shopId },
    },
  };
}
