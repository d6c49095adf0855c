import { KeyOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { call } from '../api/index.js';
import { recoveryKeyFont } from '../components/RecoveryKeyDisplay.js';
import { useRevalidateOnLanguageChange } from '../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../i18n/index.js';

/** The way back when the passphrase is forgotten or the keychain lost the key. */
export function RecoveryUnlock(props: { onUnlocked(status: VaultStatus): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ recoveryKey: string }>();
  const field = useRef<InputRef>(null);
  const [busy, setBusy] = useState(false);
  useRevalidateOnLanguageChange(form);

  const submit = async ({ recoveryKey }: { recoveryKey: string }) => {
    setBusy(true);
    try {
      props.onUnlocked(await call('vault.unlock', { recoveryKey }));
    } catch (err) {
      form.setFields([{ name: 'recoveryKey', errors: [errorText(err)] }]);
      setBusy(false);
      requestAnimationFrame(() => field.current?.focus({ cursor: 'all' }));
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
      <Typography.Paragraph type="secondary">{t('unlock.recoveryText')}</Typography.Paragraph>
      <Form.Item
        name="recoveryKey"
        label={t('unlock.recoveryKey')}
        rules={[{ required: true, whitespace: true, message: t('recovery.confirmRequired') }]}
      >
        <Input
          ref={field}
          size="large"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          readOnly={busy}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
          style={{ fontFamily: recoveryKeyFont }}
          data-testid="unlock-recovery-key"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy} icon={<KeyOutlined />} data-testid="unlock-submit">
        {t('unlock.withRecovery')}
      </Button>
    </Form>
  );
}
