import { Card, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';

/**
 * The four things between a fresh install and orders delivering themselves, each ticking itself off
 * (keys in stock, a shop connected, a first line delivered). The workbench hides it once all are done.
 */
export function GettingStarted(props: {
  recoveryConfirmed: boolean;
  hasProducts: boolean;
  hasKeys: boolean;
  demoShopName: string | undefined;
  shopCount: number;
  deliveredCount: number;
  navigate(screen: ScreenId, section?: string): void;
}) {
  const t = useT();
  const link = (screen: ScreenId, text: string, section?: string): ReactNode => (
    <Typography.Link onClick={() => props.navigate(screen, section)}>{text}</Typography.Link>
  );
  const items = [
    {
      title: t('home.start.vault.title'),
      status: 'finish' as const,
      content: (
        <>
          {t('home.start.vault.content')}
          {!props.recoveryConfirmed && (
            <div>
              <Typography.Text type="warning">{t('home.start.vault.recoveryPending')}</Typography.Text>{' '}
              {link('settings', t('home.start.vault.recoveryLink'), 'security')}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('home.start.inventory.title'),
      status: props.hasKeys ? ('finish' as const) : ('process' as const),
      content: (
        <>
          {t(props.hasKeys ? 'home.start.inventory.done' : props.hasProducts ? 'home.start.inventory.importNext' : 'home.start.inventory.content')}{' '}
          {link('inventory', t(props.hasKeys || props.hasProducts ? 'home.start.inventory.link' : 'home.start.inventory.linkNew'))}
        </>
      ),
    },
    {
      title: t('home.start.shop.title'),
      status: props.shopCount > 0 ? ('finish' as const) : props.hasKeys ? ('process' as const) : ('wait' as const),
      content: (
        <>
          {props.shopCount > 0 ? t('home.start.shop.done', { count: props.shopCount }) : t('home.start.shop.content')}{' '}
          {link('settings', t('home.start.shop.link'), 'shops')}
          {props.demoShopName && <div>{t('home.start.shop.demo', { name: props.demoShopName })}</div>}
        </>
      ),
    },
    {
      title: t('home.start.dispatch.title'),
      status: props.deliveredCount > 0 ? ('finish' as const) : props.shopCount > 0 ? ('process' as const) : ('wait' as const),
      content: (
        <>
          {props.deliveredCount > 0 ? t('home.start.dispatch.done', { count: props.deliveredCount }) : t('home.start.dispatch.content')}{' '}
          {props.shopCount > 0 && link('orders', t('home.start.dispatch.link'))}
        </>
      ),
    },
  ];
  const done = items.filter((i) => i.status === 'finish').length;
  return (
    <Card
      variant="borderless"
      title={t('home.start.title')}
      extra={<Typography.Text type="secondary">{t('home.start.progress', { done, total: items.length })}</Typography.Text>}
      data-testid="getting-started"
    >
      <Steps orientation="vertical" current={done} items={items} />
    </Card>
  );
}
