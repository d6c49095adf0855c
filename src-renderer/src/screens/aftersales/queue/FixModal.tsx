import { Alert, Checkbox, Flex, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { Problem } from '../../../../../src-shared/contract/methods/aftersales.js';
import { inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { fenToYuan, isYuan } from '../../inventory/money.js';
import type { DialogFix } from '../labels.js';
import { fixFieldOf, runDialogFix, type FixOutcome, type FixValues } from './fix-calls.js';

/**
 * The small dialog in front of every fix that changes something: what will happen, the reason (kept in
 * the line's 售后 ledger and the audit log), and the one extra thing a fix needs — the account the buyer
 * gave, the refunded amount, or which keys. Stays open with the core's refusal shown until it succeeds.
 * (inventory's ReasonModal asks only for a reason; these fixes need more, so they have their own.)
 */
export function FixModal(props: { problem: Problem; action: DialogFix; onClose(): void; onDone(outcome: FixOutcome): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<FixValues>();
  useRevalidateOnLanguageChange(form);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { problem, action } = props;
  const testId = `fix-${action}`;

  const submit = async (values: FixValues) => {
    setBusy(true);
    setFormError(undefined);
    try {
      props.onDone(await runDialogFix(action, problem, values));
    } catch (err) {
      const issues = inputIssues(err).filter((i) => fixFieldOf(i.field) !== undefined);
      form.setFields(issues.map((i) => ({ name: fixFieldOf(i.field)!, errors: [i.message] })));
      if (issues.length === 0 || issues.length < inputIssues(err).length) setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const keyOptions = problem.keys.map((k) => ({
    value: k.keyId,
    label: (
      <Typography.Text code data-testid="fix-key-option">
        {k.cardNo ? `${k.cardNo} · ${k.secretMasked}` : k.secretMasked}
      </Typography.Text>
    ),
  }));

  return (
    <Modal
      open
      title={t(`aftersales.fix.${action}.title`)}
      okText={t(`aftersales.action.${action}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': `${testId}-ok` } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="fix-modal"
    >
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('aftersales.fix.line', { order: problem.platformOrderId, title: problem.title })}</Typography.Text>
        <Alert type="info" showIcon title={t(`aftersales.fix.${action}.explain`)} />
      </Flex>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="fix-error" />}
      <Form<FixValues>
        form={form}
        layout="vertical"
        initialValues={{
          reason: action === 'set_account' ? t('aftersales.fix.set_account.defaultReason') : '',
          amount: fenToYuan(problem.amountFen),
          keyIds: action === 'claim' && problem.keys.length === 1 ? [problem.keys[0]!.keyId] : [],
        }}
        onFinish={(v) => void submit(v)}
      >
        {action === 'set_account' && (
          <Form.Item name="account" label={t('aftersales.fix.account')} extra={t('aftersales.fix.accountHelp')} rules={[{ required: true, whitespace: true, message: t('aftersales.fix.accountRequired') }]}>
            <Input autoFocus maxLength={100} autoComplete="off" spellCheck={false} data-testid={`${testId}-account`} />
          </Form.Item>
        )}
        {action === 'record_refund' && (
          <Form.Item
            name="amount"
            label={t('aftersales.fix.amount')}
            extra={t('aftersales.fix.amountHelp')}
            required
            rules={[{ validator: async (_, v: string | undefined) => { if (!isYuan(v ?? '')) throw new Error(t('inventory.money.invalid')); } }]}
          >
            <Input prefix="¥" suffix={t('inventory.money.yuan')} inputMode="decimal" style={{ width: 200 }} data-testid={`${testId}-amount`} />
          </Form.Item>
        )}
        {(action === 'claim' || action === 'replace') && keyOptions.length > 0 && (
          <Form.Item
            name="keyIds"
            label={t(action === 'claim' ? 'aftersales.fix.claimKeys' : 'aftersales.fix.replaceKeys')}
            extra={action === 'replace' ? t('aftersales.fix.replaceKeysHelp') : undefined}
            rules={action === 'claim' ? [{ required: true, type: 'array', min: 1, message: t('aftersales.fix.keysRequired') }] : []}
          >
            <Checkbox.Group options={keyOptions} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid={`${testId}-keys`} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('aftersales.fix.reason')}
          extra={t('aftersales.fix.reasonHelp')}
          rules={[
            { required: true, whitespace: true, message: t('aftersales.fix.reasonRequired') },
            { max: 200, message: t('aftersales.fix.reasonTooLong') },
          ]}
          style={{ marginBottom: 0 }}
        >
          <Input autoFocus={action !== 'set_account'} maxLength={200} placeholder={t(`aftersales.fix.${action}.placeholder`)} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
