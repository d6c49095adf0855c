import { Alert, Form, Input, Modal, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.js';

/**
 * Asks why before a change that is audited (void, restore, undo). The reason is required; the modal
 * stays open with the problem shown when the call fails, and closes only when it succeeded.
 */
export function ReasonModal(props: {
  open: boolean;
  title: string;
  /** What will happen, in one or two sentences. */
  explain: ReactNode;
  okText: string;
  danger?: boolean;
  defaultReason?: string;
  testId: string;
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await props.onSubmit(reason.trim());
      props.onClose();
    } catch {
      // onSubmit reported the failure; keep the reason so the owner can retry.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: props.danger ?? false, loading: busy, 'data-testid': `${props.testId}-ok` } as ButtonProps}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert type={props.danger ? 'warning' : 'info'} showIcon title={props.explain} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" initialValues={{ reason: props.defaultReason ?? '' }} onFinish={() => void submit()}>
        <Form.Item
          name="reason"
          label={t('inventory.reason.label')}
          rules={[{ required: true, whitespace: true, message: t('inventory.reason.required') }, { max: 200, message: t('inventory.reason.tooLong') }]}
          extra={t('inventory.reason.audited')}
        >
          <Input autoFocus maxLength={200} placeholder={t('inventory.reason.placeholder')} data-testid={`${props.testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
