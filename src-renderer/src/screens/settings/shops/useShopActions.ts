import { App } from 'antd';
import { useState } from 'react';
import type { Shop } from '../../../../../src-shared/contract/methods/shops.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

export type ShopAction = 'test' | 'sync' | 'pause';

/** The outcome of the last row action, kept on screen (a test result is read, not glanced at). */
export interface ShopNotice {
  type: 'success' | 'error' | 'warning';
  title: string;
  description?: string;
}

/** 测试连接, 立即拉取 and 暂停/恢复 for a shop row: which row is busy, and what the last one said. */
export function useShopActions(onChanged: () => void) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Partial<Record<number, ShopAction>>>({});
  const [notice, setNotice] = useState<ShopNotice>();

  const track = async (shop: Shop, action: ShopAction, work: () => Promise<void>) => {
    setBusy((b) => ({ ...b, [shop.id]: action }));
    try {
      await work();
    } catch (err) {
      setNotice({ type: 'error', title: t('shops.result.failed', { name: shop.name, action: t(`shops.action.${action}`) }), description: errorText(err) });
    } finally {
      setBusy(({ [shop.id]: _done, ...rest }) => rest);
    }
  };

  const test = (shop: Shop) =>
    track(shop, 'test', async () => {
      const r = await call('shops.test', { id: shop.id });
      setNotice({
        type: r.ok ? 'success' : 'error',
        title: t(r.ok ? 'shops.result.testOk' : 'shops.result.testFailed', { name: shop.name }),
        description: [t('shops.test.detail', { message: r.message, ms: r.ms }), r.shopName && t('shops.test.platformShop', { name: r.shopName })].filter(Boolean).join(' '),
      });
      onChanged();
    });

  const sync = (shop: Shop) =>
    track(shop, 'sync', async () => {
      const r = await call('shops.syncNow', { id: shop.id });
      setNotice({ type: 'success', title: t('shops.result.synced', { name: shop.name, orders: r.orders, lines: r.lines }) });
      onChanged();
    });

  const setPaused = (shop: Shop, paused: boolean) =>
    track(shop, 'pause', async () => {
      const saved = await call('shops.setPaused', { id: shop.id, paused });
      message.success(t(paused ? 'shops.paused' : 'shops.resumed', { name: saved.name }));
      onChanged();
    });

  return { busy, notice, clearNotice: () => setNotice(undefined), test, sync, setPaused };
}
