import { Alert, Button } from 'antd';
import { useT } from '../i18n/index.js';

/** Until the recovery key is confirmed, a forgotten passphrase would mean losing every card key. */
export function RecoveryBanner(props: { onConfirm(): void }) {
  const t = useT();
  return (
    <Alert
      banner
      type="warning"
      showIcon
      data-testid="recovery-banner"
      title={t('shell.recoveryBanner')}
      action={
        <Button size="small" type="primary" ghost onClick={props.onConfirm} data-testid="recovery-banner-action">
          {t('shell.recoveryBannerAction')}
        </Button>
      }
    />
  );
}
