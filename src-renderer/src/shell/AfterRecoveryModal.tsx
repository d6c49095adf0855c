import { Alert, Button, Modal } from 'antd';
import { ChangePassphraseForm } from '../components/ChangePassphraseForm.js';
import { useVault } from '../app/VaultContext.js';
import { useT } from '../i18n/index.js';

/**
 * Shown right after an unlock with the recovery key: the old passphrase (or keychain entry) is what
 * failed, so setting a new passphrase now saves using the recovery key again next time.
 */
export function AfterRecoveryModal(props: { open: boolean; onClose(): void }) {
  const t = useT();
  const { setStatus } = useVault();
  return (
    <Modal
      open={props.open}
      title={t('afterRecovery.title')}
      footer={
        <Button onClick={props.onClose} data-testid="after-recovery-later">
          {t('afterRecovery.later')}
        </Button>
      }
      onCancel={props.onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('afterRecovery.explain')} style={{ marginBottom: 16 }} />
      <ChangePassphraseForm
        autoFocus
        testIdPrefix="after-recovery-passphrase"
        submitLabel={t('afterRecovery.submit')}
        onChanged={(status) => {
          setStatus(status);
          props.onClose();
        }}
      />
    </Modal>
  );
}
