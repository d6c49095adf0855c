import { CheckOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import type { PortalAccountView } from '../../../../../src-shared/contract/methods/topup.js';
import { useT } from '../../../i18n/index.js';
import type { PortalAction } from './usePortalActions.js';

/**
 * A site account that stopped for a captcha or a login only the owner can do: how many orders wait, and
 * the two steps — open the site in a visible browser, then tell KeyDesk to go on.
 */
export function NeedsHumanAlert(props: { account: PortalAccountView; busy: PortalAction | undefined; onTakeOver(): void; onResume(): void }) {
  const t = useT();
  const { account, busy } = props;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="portal-needs-human"
      title={t('topup.portal.needsHuman', { name: account.name, count: account.waiting })}
      description={account.lastError ? `${t('topup.portal.needsHumanHelp')} ${t('topup.lastErrorShort', { error: account.lastError })}` : t('topup.portal.needsHumanHelp')}
      action={
        <Space orientation="vertical" size={6}>
          <Button type="primary" size="small" icon={<ExportOutlined />} loading={busy === 'takeOver'} disabled={busy === 'resume'} onClick={props.onTakeOver} data-testid="portal-take-over">
            {t('topup.portal.takeOver')}
          </Button>
          <Button size="small" icon={<CheckOutlined />} loading={busy === 'resume'} disabled={busy === 'takeOver'} onClick={props.onResume} data-testid="portal-resume">
            {t('topup.portal.resume')}
          </Button>
        </Space>
      }
    />
  );
}
