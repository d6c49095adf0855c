import { UnlockOutlined } from '@ant-design/icons';
import { Button, Form, Input, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { call } from '../api/index.js';
import { useRevalidateOnLanguageChange } from '../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../i18n/index.js';

/** Passphrase field; Enter submits. A wrong passphrase keeps focus with the text selected to retype. */
export function PassphraseUnlock(props: { onUnlocked(status: VaultStatus): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ passphrase: string }>();
  const field = useRef<InputRef>(null);
  const [busy, setBusy] = useState(false);
  useRevalidateOnLanguageChange(form);

  const submit = async ({ passphrase }: { passphrase: string }) => {
    setBusy(true);
    try {
      props.onUnlocked(await call('vault.unlock', { passphrase }));
    } catch (err) {
      form.setFields([{ name: 'passphrase', errors: [errorText(err)] }]);
      setBusy(false);
      // After the re-render that re-enables the field.
      requestAnimationFrame(() => field.current?.focus({ cursor: 'all' }));
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
      <Form.Item name="passphrase" label={t('unlock.passphrase')} rules={[{ required: true, message: t('passphrase.required') }]}>
        <Input.Password
          ref={field}
          size="large"
          autoFocus
          autoComplete="current-password"
          readOnly={busy}
          data-testid="unlock-passphrase"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy} icon={<UnlockOutlined />} data-testid="unlock-submit">
        {t('unlock.submit')}
      </Button>
    </Form>
  );
}
