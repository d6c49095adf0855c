import { Alert, App, Checkbox, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { RiskHoldView, RiskSubject } from '../../../../../src-shared/contract/methods/risk.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { subjectsOf } from '../labels.js';

interface Values {
  subjects: RiskSubject[];
  reason: string;
}

/** What the hold shows for a subject, so the owner sees what goes on the list (masked). */
function shownValue(hold: RiskHoldView, subject: RiskSubject): string {
  const s = hold.signals;
  const value = { buyer: s.buyerMasked, ip: s.ip, device: s.deviceMasked, phone: s.phoneMasked, email: s.emailMasked }[subject];
  return value ?? '';
}

/**
 * 拉黑并拒绝: puts the chosen identities of the order on the blacklist (only those it carried) and
 * rejects the line, in one audited call.
 */
export function BlacklistModal(props: { hold: RiskHoldView; onClose(): void; onDone(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useRevalidateOnLanguageChange(form);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { hold } = props;
  const subjects = subjectsOf(hold);

  const submit = async (v: Values) => {
    setBusy(true);
    setFormError(undefined);
    try {
      await call('risk.holds.blacklist', { lineId: hold.lineId, subjects: v.subjects, reason: v.reason.trim() });
      message.success(t('risk.hold.blacklisted', { order: hold.platformOrderId, count: v.subjects.length }));
      props.onDone();
    } catch (err) {
      const issues = inputIssues(err).filter((i) => i.field === 'subjects' || i.field === 'reason');
      form.setFields(issues.map((i) => ({ name: i.field as keyof Values, errors: [i.message] })));
      if (issues.length === 0) setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('risk.hold.blacklistTitle', { order: hold.platformOrderId })}
      okText={t('risk.hold.blacklist')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'hold-blacklist-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('risk.hold.blacklistExplain')} style={{ marginBottom: 16 }} />
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ subjects: subjects.slice(0, 1), reason: '' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="subjects" label={t('risk.hold.blacklistSubjects')} rules={[{ required: true, type: 'array', min: 1, message: t('risk.hold.subjectsRequired') }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="hold-blacklist-subjects">
            {subjects.map((s) => (
              <Checkbox key={s} value={s} data-testid={`hold-blacklist-${s}`}>
                {t(`risk.subject.${s}`)}
                <Typography.Text code style={{ marginInlineStart: 8 }}>
                  {shownValue(hold, s)}
                </Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('inventory.reason.label')}
          extra={t('inventory.reason.audited')}
          rules={[{ required: true, whitespace: true, message: t('inventory.reason.required') }, { max: 200, message: t('inventory.reason.tooLong') }]}
          style={{ marginBottom: 0 }}
        >
          <Input maxLength={200} placeholder={t('risk.hold.blacklistPlaceholder')} data-testid="hold-blacklist-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
