import { Alert, Form, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { KeyRow } from '../../../../../src-shared/contract/methods/inventory.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

export const REVEAL_SECONDS = 30;

export interface Revealed {
  secret: string;
  cardNo: string | null;
  /** Epoch ms when it is masked again. */
  until: number;
}

/** Asks why before showing a key's plaintext; every reveal is written to the audit log with the reason. */
export function RevealModal(props: { keyRow: KeyRow | undefined; onRevealed(id: number, revealed: Revealed): void; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const row = props.keyRow;

  const reveal = async () => {
    if (!row) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const key = await call('inventory.revealKey', { id: row.id, reason: reason.trim() || t('inventory.reveal.defaultReason') });
      props.onRevealed(row.id, { secret: key.secret, cardNo: key.cardNo, until: Date.now() + REVEAL_SECONDS * 1000 });
      props.onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={row !== undefined}
      title={t('inventory.reveal.title')}
      okText={t('inventory.reveal.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'reveal-ok' } as ButtonProps}
      onOk={() => void reveal().catch(() => undefined)}
      onCancel={() => {
        setError(undefined);
        props.onClose();
      }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('inventory.reveal.explain', { seconds: REVEAL_SECONDS })} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {row && (
        <Form form={form} layout="vertical" initialValues={{ reason: t('inventory.reveal.defaultReason') }} onFinish={() => void reveal()}>
          <Form.Item label={t('inventory.keys.col.cardNo')} style={{ marginBottom: 8 }}>
            <span>{row.cardNo ?? '—'}</span>
          </Form.Item>
          <Form.Item name="reason" label={t('inventory.reason.label')} rules={[{ max: 200, message: t('inventory.reason.tooLong') }]} extra={t('inventory.reason.audited')}>
            <Input autoFocus maxLength={200} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
