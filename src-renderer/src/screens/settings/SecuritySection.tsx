import { KeyOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Popconfirm, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { call } from '../../api/index.js';
import { useVault } from '../../app/VaultContext.js';
import { ChangePassphraseForm } from '../../components/ChangePassphraseForm.js';
import { RecoveryKeyConfirm } from '../../components/RecoveryKeyConfirm.js';
import { useErrorText, useT } from '../../i18n/index.js';

function Heading(props: { icon?: ReactNode; children: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ marginTop: 32, marginBottom: 8 }}>
      {props.icon && <span style={{ marginRight: 8, color: '#1f5eff' }}>{props.icon}</span>}
      {props.children}
    </Typography.Title>
  );
}

/** How the vault is protected, and the owner's three levers: passphrase, data key, recovery key. */
export function SecuritySection() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { status, setStatus } = useVault();
  const [rotating, setRotating] = useState(false);

  const rotate = async () => {
    setRotating(true);
    try {
      const next = await call('vault.rotateKey', {});
      setStatus(next);
      message.success(t('security.rotated', { version: next.keyVersion ?? '—' }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setRotating(false);
    }
  };

  return (
    <div style={{ maxWidth: 720 }}>
      <Descriptions
        column={1}
        bordered
        size="middle"
        styles={{ label: { width: 180 } }}
        items={[
          {
            key: 'method',
            label: t('security.method'),
            children: status.method === 'os-keychain' ? t('security.method.keychain') : t('security.method.passphrase'),
          },
          { key: 'version', label: t('security.keyVersion'), children: `v${status.keyVersion ?? '—'}` },
          {
            key: 'recovery',
            label: t('security.recoveryKey'),
            children: status.recoveryConfirmed ? (
              <Tag color="success">{t('security.recovery.confirmed')}</Tag>
            ) : (
              <Tag color="warning">{t('security.recovery.pending')}</Tag>
            ),
          },
        ]}
      />

      {!status.recoveryConfirmed && (
        <>
          <Heading>{t('security.recovery.confirmTitle')}</Heading>
          <Alert type="warning" showIcon title={t('security.recovery.confirmExplain')} style={{ marginBottom: 16 }} />
          <RecoveryKeyConfirm
            onConfirmed={(next) => {
              setStatus(next);
              message.success(t('security.recovery.confirmedMessage'));
            }}
          />
        </>
      )}

      <Heading icon={<KeyOutlined />}>{t('security.changePassphrase')}</Heading>
      <Typography.Paragraph type="secondary">
        {status.method === 'os-keychain' ? t('security.changeFromKeychain') : t('security.changeExplain')}
      </Typography.Paragraph>
      <ChangePassphraseForm onChanged={setStatus} />

      <Heading icon={<SyncOutlined />}>{t('security.rotateTitle')}</Heading>
      <Typography.Paragraph type="secondary">{t('security.rotateExplain')}</Typography.Paragraph>
      <Popconfirm
        title={t('security.rotateConfirmTitle')}
        description={t('security.rotateConfirm')}
        okText={t('security.rotateOk')}
        cancelText={t('common.cancel')}
        onConfirm={() => rotate()}
      >
        <Button loading={rotating} data-testid="rotate-key">
          {t('security.rotate')}
        </Button>
      </Popconfirm>
    </div>
  );
}
