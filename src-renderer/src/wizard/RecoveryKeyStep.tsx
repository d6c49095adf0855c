import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { RecoveryKeyConfirm } from '../components/RecoveryKeyConfirm.js';
import { RecoveryKeyDisplay } from '../components/RecoveryKeyDisplay.js';
import { useT } from '../i18n/index.js';

/** Step 2: the recovery key, shown this once, and typed back before the wizard lets go. */
export function RecoveryKeyStep(props: { recoveryKey: string; onConfirmed(status: VaultStatus): void; onNext(): void }) {
  const t = useT();
  const [confirmed, setConfirmed] = useState(false);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('wizard.recovery.title')}
      </Typography.Title>
      <Alert
        type="warning"
        showIcon
        title={t('wizard.recovery.warningTitle')}
        description={t('wizard.recovery.warning')}
        style={{ marginBottom: 16 }}
      />
      <RecoveryKeyDisplay recoveryKey={props.recoveryKey} />
      <div style={{ marginTop: 20 }}>
        {confirmed ? (
          <Alert type="success" showIcon icon={<CheckCircleFilled />} title={t('wizard.recovery.confirmed')} data-testid="recovery-confirmed" />
        ) : (
          <RecoveryKeyConfirm
            onConfirmed={(status) => {
              setConfirmed(true);
              props.onConfirmed(status);
            }}
          />
        )}
      </div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 12, marginTop: 24 }}>
        {!confirmed && <Typography.Text type="secondary">{t('wizard.recovery.nextHint')}</Typography.Text>}
        <Button type="primary" size="large" disabled={!confirmed} onClick={props.onNext} data-testid="wizard-next">
          {t('wizard.next')}
        </Button>
      </div>
    </div>
  );
}
