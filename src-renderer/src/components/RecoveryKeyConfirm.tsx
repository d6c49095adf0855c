import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { call } from '../api/index.js';
import { useErrorText, useT } from '../i18n/index.js';
import { recoveryKeyFont } from './RecoveryKeyDisplay.js';
import { useRevalidateOnLanguageChange } from './useRevalidateOnLanguageChange.js';

/**
 * Type the recovery key back to prove it was written down. Case, spaces and dashes do not matter
 * (the vault normalises), so the field does not nag about format.
 */
export function RecoveryKeyConfirm(props: { onConfirmed(status: VaultStatus): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ recoveryKey: string }>();
  const [busy, setBusy] = useState(false);
  useRevalidateOnLanguageChange(form);

  const submit = async ({ recoveryKey }: { recoveryKey: string }) => {
    setBusy(true);
    try {
      props.onConfirmed(await call('vault.confirmRecoveryKey', { recoveryKey }));
    } catch (err) {
      form.setFields([{ name: 'recoveryKey', errors: [errorText(err)] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
      {/* The outer item shows the label and the inner (noStyle) item's errors next to one row. */}
      <Form.Item label={t('recovery.confirmLabel')} required={false}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="recoveryKey"
            noStyle
            rules={[{ required: true, whitespace: true, message: t('recovery.confirmRequired') }]}
          >
            <Input
              data-testid="recovery-confirm-input"
              placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
              autoComplete="off"
              spellCheck={false}
              style={{ fontFamily: recoveryKeyFont }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="recovery-confirm-button">
            {t('recovery.confirmButton')}
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
}
