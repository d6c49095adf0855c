import { Alert, Button, Form, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { UnlockMethod, VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { call, inputIssues, isApiError } from '../api/index.js';
import { PassphraseFields } from '../components/PassphraseFields.js';
import { useErrorText, useI18n } from '../i18n/index.js';

interface Values {
  passphrase: string;
  confirm: string;
}

function MethodOption(props: { title: string; text: string; note?: string | undefined; testId: string; disabled?: boolean }) {
  return (
    <div data-testid={props.testId} style={{ padding: '2px 0' }}>
      <Typography.Text strong disabled={props.disabled}>
        {props.title}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0' }}>
        {props.text}
      </Typography.Paragraph>
      {props.note && (
        <Typography.Text type="warning" style={{ fontSize: 13 }}>
          {props.note}
        </Typography.Text>
      )}
    </div>
  );
}

// Each choice is a bordered card so the explanation reads as part of the option, not as loose text.
function optionStyle(selected: boolean, disabled: boolean) {
  return {
    width: '100%',
    marginInlineEnd: 0,
    padding: '12px 14px',
    borderRadius: 10,
    border: `1px solid ${selected ? '#1f5eff' : '#e3e7ef'}`,
    background: disabled ? '#fafafa' : selected ? '#f3f6ff' : '#fff',
    alignItems: 'flex-start',
  };
}

/** Step 1: welcome, and choose what protects the data key. Creates the vault on "next". */
export function ProtectionStep(props: {
  keychain: VaultStatus['keychain'];
  onCreated(recoveryKey: string, status: VaultStatus): void;
}) {
  const { t, language } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [method, setMethod] = useState<UnlockMethod>(props.keychain.available ? 'os-keychain' : 'passphrase');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const create = async () => {
    setFailure(undefined);
    let values: Values | undefined;
    if (method === 'passphrase') {
      try {
        values = await form.validateFields();
      } catch {
        return; // The fields show their own messages.
      }
    }
    setBusy(true);
    try {
      const result = await call('vault.setup', values ? { method: 'passphrase', passphrase: values.passphrase } : { method: 'os-keychain' });
      props.onCreated(result.recoveryKey, result.status);
    } catch (err) {
      const fieldProblem = isApiError(err, 'VAULT_WEAK_PASSPHRASE') || inputIssues(err).length > 0;
      if (method === 'passphrase' && fieldProblem) form.setFields([{ name: 'passphrase', errors: [errorText(err)] }]);
      else setFailure(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('wizard.welcome.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('wizard.welcome.text')}</Typography.Paragraph>
      <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>
        {t('wizard.protection.question')}
      </Typography.Text>
      <Radio.Group
        value={method}
        onChange={(e) => setMethod(e.target.value as UnlockMethod)}
        style={{ display: 'flex', flexDirection: 'column', gap: 10, width: '100%' }}
        options={[
          {
            value: 'os-keychain',
            disabled: !props.keychain.available,
            style: optionStyle(method === 'os-keychain', !props.keychain.available),
            label: (
              <MethodOption
                testId="wizard-method-keychain"
                disabled={!props.keychain.available}
                title={t('wizard.protection.keychain')}
                text={t('wizard.protection.keychainText')}
                note={
                  props.keychain.available
                    ? undefined
                    : // The host's reason is Chinese only; English gets the general sentence.
                      language === 'zh-CN' && props.keychain.reason
                      ? props.keychain.reason
                      : t('wizard.protection.keychainUnavailable')
                }
              />
            ),
          },
          {
            value: 'passphrase',
            style: optionStyle(method === 'passphrase', false),
            label: (
              <MethodOption testId="wizard-method-passphrase" title={t('wizard.protection.passphrase')} text={t('wizard.protection.passphraseText')} />
            ),
          },
        ]}
      />
      {method === 'passphrase' && (
        <Form form={form} layout="vertical" requiredMark={false} style={{ marginTop: 20 }} onFinish={() => void create()}>
          <PassphraseFields testIdPrefix="wizard-passphrase" autoFocus />
          {/* Lets Enter in either field submit the form. */}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} data-testid="wizard-error" />}
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 24 }}>
        <Button type="primary" size="large" loading={busy} onClick={() => void create()} data-testid="wizard-next">
          {t('wizard.protection.create')}
        </Button>
      </div>
    </div>
  );
}
