import { App } from 'antd';
import { useState } from 'react';
import type { PortalAccountView } from '../../../../../src-shared/contract/methods/topup.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

export type PortalAction = 'takeOver' | 'resume';

/**
 * 打开浏览器处理 and 已处理，继续 for a site account that stopped for a captcha or a login: which one is
 * busy, and the core's answer as a message.
 */
export function usePortalActions(onChanged: () => void) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Partial<Record<number, PortalAction>>>({});

  const track = async (account: PortalAccountView, action: PortalAction, work: () => Promise<void>) => {
    setBusy((b) => ({ ...b, [account.id]: action }));
    try {
      await work();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(({ [account.id]: _done, ...rest }) => rest);
      onChanged();
    }
  };

  const takeOver = (account: PortalAccountView) =>
    track(account, 'takeOver', async () => {
      const r = await call('portals.takeOver', { id: account.id });
      if (r.opened) message.info(r.message);
      else message.warning(r.message);
    });

  const resume = (account: PortalAccountView) =>
    track(account, 'resume', async () => {
      const r = await call('portals.resume', { id: account.id });
      message.success(t('topup.portal.resumed', { name: account.name, count: r.resumed }));
    });

  return { busy, takeOver, resume };
}
