import { App, Button, Form } from 'antd';
import { useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { call, inputIssues } from '../api/index.js';
import { useErrorText, useT } from '../i18n/index.js';
import { PassphraseFields } from './PassphraseFields.js';

interface Values {
  passphrase: string;
  confirm: string;
}

/**
 * Sets a new passphrase (also how a keychain vault switches to a passphrase). Being unlocked is the
 * authority here, so the old passphrase is not asked for: after a recovery unlock there is none.
 */
export function ChangePassphraseForm(props: {
  onChanged(status: VaultStatus): void;
  submitLabel?: string;
  autoFocus?: boolean;
  testIdPrefix?: string;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const prefix = props.testIdPrefix ?? 'change-passphrase';

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const status = await call('vault.changePassphrase', { next: values.passphrase });
      form.resetFields();
      message.success(t('security.passphraseChanged'));
      props.onChanged(status);
    } catch (err) {
      const onField = inputIssues(err).length > 0 || (err as { code?: string }).code === 'VAULT_WEAK_PASSPHRASE';
      if (onField) form.setFields([{ name: 'passphrase', errors: [errorText(err)] }]);
      else message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} style={{ maxWidth: 420 }}>
      <PassphraseFields testIdPrefix={prefix} autoFocus={props.autoFocus} label={t('security.newPassphrase')} />
      <Button type="primary" htmlType="submit" loading={busy} data-testid={`${prefix}-submit`}>
        {props.submitLabel ?? t('security.changePassphrase')}
      </Button>
    </Form>
  );
}
