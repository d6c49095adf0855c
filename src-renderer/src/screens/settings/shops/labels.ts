import type { ShopStatus } from '../../../../../src-shared/contract/methods/shops.js';

/** antd Tag colours of a shop's state: fine, stopped by the owner, needs the owner, failing. */
export const SHOP_STATUS_COLOR: Record<ShopStatus, string> = {
  active: 'success',
  paused: 'default',
  needs_auth: 'warning',
  error: 'error',
};
