import { Alert, App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { RiskSubject } from '../../../../../src-shared/contract/methods/risk.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { SUBJECTS } from '../labels.js';
import { listValueProblem } from './list-value.js';

type ListKind = 'black' | 'white';

interface Values {
  subject: RiskSubject;
  value: string;
  note: string;
  days: number;
}

const DAY = 86_400_000;
/** How long an entry lasts; 0 = until removed. */
const EXPIRY_DAYS = [0, 7, 30, 90, 365] as const;

/** 添加: one buyer / IP (or range) / device / phone / email on the black or white list. */
export function AddEntryModal(props: { list: ListKind; onClose(): void; onAdded(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useRevalidateOnLanguageChange(form);
  const subject = Form.useWatch('subject', form) ?? 'buyer';
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();

  const submit = async (v: Values) => {
    setBusy(true);
    setFormError(undefined);
    try {
      const note = v.note.trim();
      const added = await call('risk.lists.add', {
        list: props.list,
        subject: v.subject,
        value: v.value.trim(),
        ...(note !== '' && { note }),
        ...(v.days > 0 && { expiresAt: Date.now() + v.days * DAY }),
      });
      message.success(t('risk.list.added', { value: added.valueMasked, list: t(`risk.list.${props.list}`) }));
      props.onAdded();
    } catch (err) {
      const issues = inputIssues(err).filter((i) => ['subject', 'value', 'note'].includes(i.field));
      form.setFields(issues.map((i) => ({ name: i.field as keyof Values, errors: [i.message] })));
      if (issues.length === 0) setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('risk.list.addTitle', { list: t(`risk.list.${props.list}`) })}
      okText={t('risk.list.add')}
      okButtonProps={{ loading: busy, 'data-testid': 'list-add-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="list-add-modal"
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="list-add-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={{ subject: 'buyer', value: '', note: '', days: 0 }} onFinish={(v) => void submit(v)}>
        <Form.Item name="subject" label={t('risk.list.col.subject')}>
          <Select
            options={SUBJECTS.map((s) => ({ value: s, label: t(`risk.subject.${s}`) }))}
            onChange={() => void form.validateFields(['value']).catch(() => undefined)}
            style={{ width: 160 }}
            data-testid="list-add-subject"
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('risk.list.col.value')}
          extra={t(`risk.list.valueHelp.${subject}`)}
          dependencies={['subject']}
          rules={[{ validator: (_, v: string | undefined) => { const p = listValueProblem(t, form.getFieldValue('subject') as RiskSubject, v ?? ''); return p ? Promise.reject(new Error(p)) : Promise.resolve(); } }]}
        >
          <Input maxLength={200} spellCheck={false} autoComplete="off" data-testid="list-add-value" />
        </Form.Item>
        <Form.Item name="note" label={t('risk.list.col.note')}>
          <Input maxLength={200} placeholder={t('risk.list.notePlaceholder')} data-testid="list-add-note" />
        </Form.Item>
        <Form.Item name="days" label={t('risk.list.col.expiresAt')} style={{ marginBottom: 0 }}>
          <Select style={{ width: 160 }} options={EXPIRY_DAYS.map((d) => ({ value: d, label: d === 0 ? t('risk.list.forever') : t('risk.list.forDays', { n: d }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
