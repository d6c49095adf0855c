import { LockOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { useVault } from '../app/VaultContext.js';
import { CenteredLayout } from '../components/CenteredLayout.js';
import { useT } from '../i18n/index.js';
import { KeychainUnlock } from './KeychainUnlock.js';
import { PassphraseUnlock } from './PassphraseUnlock.js';
import { RecoveryUnlock } from './RecoveryUnlock.js';

/**
 * The locked vault. The usual way matches how it was set up; the recovery key is one link away.
 * `onUnlocked(true)` tells the app the recovery key was used, so it can ask for a new passphrase.
 */
export function UnlockScreen(props: { onUnlocked(viaRecoveryKey: boolean): void }) {
  const t = useT();
  const { status, setStatus } = useVault();
  const [useRecovery, setUseRecovery] = useState(false);

  const unlocked = (viaRecoveryKey: boolean) => (next: VaultStatus) => {
    props.onUnlocked(viaRecoveryKey);
    setStatus(next);
  };

  return (
    <CenteredLayout width={440}>
      <Card variant="borderless" style={{ boxShadow: '0 12px 40px rgba(15, 26, 51, 0.08)' }} styles={{ body: { padding: '32px 32px 24px' } }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div
            style={{
              width: 56,
              height: 56,
              margin: '0 auto 12px',
              borderRadius: '50%',
              background: '#eef3ff',
              display: 'grid',
              placeItems: 'center',
            }}
          >
            <LockOutlined style={{ fontSize: 26, color: '#1f5eff' }} />
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {useRecovery ? t('unlock.recoveryTitle') : t('unlock.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('unlock.subtitle')}</Typography.Text>
        </div>
        {useRecovery ? (
          <RecoveryUnlock onUnlocked={unlocked(true)} />
        ) : status.method === 'os-keychain' ? (
          <KeychainUnlock onUnlocked={unlocked(false)} />
        ) : (
          <PassphraseUnlock onUnlocked={unlocked(false)} />
        )}
        <div style={{ textAlign: 'center', marginTop: 20 }}>
          <Typography.Link onClick={() => setUseRecovery(!useRecovery)} data-testid="unlock-use-recovery">
            {useRecovery
              ? status.method === 'os-keychain'
                ? t('unlock.backToKeychain')
                : t('unlock.backToPassphrase')
              : status.method === 'os-keychain'
                ? t('unlock.keychainLost')
                : t('unlock.forgot')}
          </Typography.Link>
        </div>
      </Card>
    </CenteredLayout>
  );
}
