import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '../../../../../src-shared/contract/index.js';
import type { RiskSubject } from '../../../../../src-shared/contract/methods/risk.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { SUBJECTS } from '../labels.js';

interface Values {
  list: 'black' | 'white';
  subjects: RiskSubject[];
  note: string;
}

type Outcome = MethodOutput<'risk.lists.addFromOrder'>;

/**
 * 加入黑名单 from an order line (the orders screen's drawer): the buyer, IP, device, phone or email the
 * order carried go on the list in one click. What the order did not carry is skipped with its reason.
 */
export function AddFromOrderButton(props: { lineId: number; platformOrderId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="line-blacklist">
        {t('risk.fromOrder.button')}
      </Button>
      {open && <AddFromOrderModal {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function AddFromOrderModal(props: { lineId: number; platformOrderId: string; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const note = v.note.trim();
      const done = await call('risk.lists.addFromOrder', { lineId: props.lineId, list: v.list, subjects: v.subjects, ...(note !== '' && { note }) });
      if (done.added.length > 0) message.success(t('risk.fromOrder.added', { n: done.added.length, list: t(`risk.list.${v.list}`) }));
      if (done.skipped.length === 0) props.onClose();
      else setOutcome(done);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('risk.fromOrder.title', { order: props.platformOrderId })}
      okText={t('risk.fromOrder.ok')}
      okButtonProps={{ danger: true, loading: busy, disabled: outcome !== undefined, 'data-testid': 'line-blacklist-ok' } as ButtonProps}
      cancelText={t(outcome ? 'risk.list.importDone' : 'common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {outcome && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('risk.fromOrder.skipped')}
          description={outcome.skipped.map((s) => `${t(`risk.subject.${s.subject}`)}：${s.reason}`).join(t('common.listSeparator'))}
          data-testid="line-blacklist-skipped"
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={{ list: 'black', subjects: ['buyer'], note: '' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="list" label={t('risk.fromOrder.list')}>
          <Radio.Group optionType="button" options={[{ value: 'black', label: t('risk.list.black') }, { value: 'white', label: t('risk.list.white') }]} />
        </Form.Item>
        <Form.Item name="subjects" label={t('risk.fromOrder.subjects')} extra={t('risk.fromOrder.subjectsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('risk.hold.subjectsRequired') }]}>
          <Checkbox.Group options={SUBJECTS.map((s) => ({ value: s, label: t(`risk.subject.${s}`) }))} data-testid="line-blacklist-subjects" />
        </Form.Item>
        <Form.Item name="note" label={t('risk.list.col.note')} style={{ marginBottom: 0 }}>
          <Input maxLength={200} placeholder={t('risk.list.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
