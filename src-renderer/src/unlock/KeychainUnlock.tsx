import { UnlockOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { call } from '../api/index.js';
import { useErrorText, useT } from '../i18n/index.js';

/** The OS keychain holds the key: one button, no typing. */
export function KeychainUnlock(props: { onUnlocked(status: VaultStatus): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const unlock = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      props.onUnlocked(await call('vault.unlock', { useKeychain: true }));
    } catch (err) {
      setFailure(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('unlock.keychainText')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="unlock-error" />}
      <Button type="primary" size="large" block autoFocus loading={busy} icon={<UnlockOutlined />} onClick={() => void unlock()} data-testid="unlock-submit">
        {t('unlock.submit')}
      </Button>
    </div>
  );
}
