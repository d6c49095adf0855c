import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Input, Modal, Progress, Radio, Result, Skeleton, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodInput, MethodOutput, StagedRestore } from '../../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT, type MessageKey } from '../../../i18n/index.js';
import { formatSize } from './labels.js';
import type { BackupProgress } from './useBackupProgress.js';

type Source = MethodInput<'backup.restore'>['source'];
type Inspected = MethodOutput<'backup.inspect'>;

/**
 * 从备份恢复: what the file says (before any secret), the passphrase or recovery key when it is another
 * installation's, the verification, and how to finish (restart). The current data is not touched here.
 */
export function RestoreModal(props: { source: Source; host: 'electron' | 'server' | 'cli' | undefined; progress: BackupProgress | undefined; onClose(): void; onStaged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [info, setInfo] = useState<Inspected>();
  const [error, setError] = useState<string>();
  const [via, setVia] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [verifying, setVerifying] = useState(false);
  const [staged, setStaged] = useState<StagedRestore>();
  const sourceKey = JSON.stringify(props.source);

  useEffect(() => {
    let live = true;
    call('backup.inspect', { source: JSON.parse(sourceKey) as Source }).then(
      (data) => {
        if (!live) return;
        setInfo(data);
        if (!data.opensWith.includes('passphrase')) setVia('recovery');
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
    // errorText changes with the language only; the file is what matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sourceKey]);

  const verify = async () => {
    setVerifying(true);
    setError(undefined);
    try {
      const input: MethodInput<'backup.restore'> = { source: props.source };
      if (info?.needsSecret) Object.assign(input, via === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret });
      setStaged(await call('backup.restore', input));
      props.onStaged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setVerifying(false);
    }
  };

  const blocked = info !== undefined && !info.allowed;
  const step = staged ? 3 : verifying ? 2 : info?.needsSecret && !blocked ? 1 : 0;
  const canVerify = info !== undefined && info.allowed && !staged && (!info.needsSecret || secret.trim() !== '');

  return (
    <Modal
      open
      width={720}
      title={t('backup.modal.title')}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="restore-modal"
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={props.onClose} data-testid="restore-close">{t(staged || blocked || !info ? 'backup.modal.close' : 'common.cancel')}</Button>
          {info && !staged && !blocked && (
            <Button type="primary" danger loading={verifying} disabled={!canVerify} onClick={() => void verify()} data-testid="restore-verify">
              {t('backup.modal.verify')}
            </Button>
          )}
        </Flex>
      }
    >
      <Steps size="small" current={step} style={{ margin: '8px 0 20px' }}
        items={(['check', 'unlock', 'verify', 'done'] as const).map((s) => ({ title: t(`backup.modal.step.${s}`) }))} />
      {!info && !error && <Skeleton active paragraph={{ rows: 4 }} />}
      {info && !staged && (
        <Flex vertical gap={16}>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 150 } }} data-testid="restore-header"
            items={[
              { key: 'file', label: t('backup.modal.file'), children: `${info.fileName}（${formatSize(info.bytes)}）` },
              { key: 'at', label: t('backup.modal.createdAt'), children: formatTime(info.createdAt) + t('common.beijingTime') },
              { key: 'version', label: t('backup.modal.version'), children: info.appVersion },
              { key: 'contents', label: t('backup.modal.contents'), children: t('backup.modal.contentsValue', { products: info.counts.products, keys: info.counts.keys, orders: info.counts.orders, audit: info.counts.auditEntries }) },
              { key: 'source', label: t('backup.modal.source'), children: t(info.sameInstallation ? 'backup.modal.sameInstallation' : 'backup.modal.otherInstallation') },
            ]}
          />
          {blocked && <Alert type="error" showIcon title={t('backup.modal.notAllowed')} description={info.reason} data-testid="restore-blocked" />}
          {info.allowed && info.needsSecret && (
            <Flex vertical gap={8} data-testid="restore-secret">
              <Typography.Text>{t('backup.modal.secretExplain')}</Typography.Text>
              {info.opensWith.includes('passphrase') ? (
                <Radio.Group value={via} onChange={(e) => { setVia(e.target.value as 'passphrase' | 'recovery'); setSecret(''); }}
                  options={[{ value: 'passphrase', label: t('backup.modal.usePassphrase') }, { value: 'recovery', label: t('backup.modal.useRecoveryKey') }]} />
              ) : (
                <Typography.Text type="secondary">{t('backup.modal.keychainOnly')}</Typography.Text>
              )}
              {via === 'passphrase' ? (
                <Input.Password value={secret} onChange={(e) => setSecret(e.target.value)} placeholder={t('backup.modal.passphrase')} data-testid="restore-passphrase" onPressEnter={() => canVerify && void verify()} />
              ) : (
                <Input value={secret} onChange={(e) => setSecret(e.target.value)} placeholder={t('backup.modal.recoveryPlaceholder')} data-testid="restore-recovery-key" onPressEnter={() => canVerify && void verify()} />
              )}
            </Flex>
          )}
          {verifying && (
            <div>
              <Typography.Text type="secondary">{t('backup.modal.verifying')}</Typography.Text>
              <Progress percent={props.progress?.phase === 'restore' ? props.progress.percent : 0} size="small" status="active" />
            </div>
          )}
        </Flex>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="restore-error" />}
      {staged && <Verified staged={staged} host={props.host} />}
    </Modal>
  );
}

function Verified(props: { staged: StagedRestore; host: 'electron' | 'server' | 'cli' | undefined }) {
  const t = useT();
  return (
    <Flex vertical gap={8} data-testid="restore-verified">
      <Result status="success" title={t('backup.modal.verified')} subTitle={t(props.host === 'electron' ? 'backup.staged.restartElectron' : 'backup.staged.restartServer')} style={{ padding: '8px 0' }} />
      {props.staged.checks.map((c) => (
        <Flex key={c.name} gap={8} align="baseline">
          <CheckCircleFilled style={{ color: '#52c41a' }} />
          <Typography.Text strong style={{ minWidth: 80 }}>{t(`backup.check.${c.name}` as MessageKey)}</Typography.Text>
          <Typography.Text>{c.detail}</Typography.Text>
        </Flex>
      ))}
      <Typography.Text type="secondary">{t(props.staged.unlockWith === 'current' ? 'backup.modal.unlockCurrent' : 'backup.modal.unlockBackup')}</Typography.Text>
    </Flex>
  );
}
