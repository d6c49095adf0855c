import { Alert, App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { MethodInput } from '../../../../../src-shared/contract/index.js';
import type { PortalAccountView } from '../../../../../src-shared/contract/methods/topup.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { PORTAL_KINDS } from '../labels.js';

type PortalFormValues = Required<MethodInput<'portals.add'>>;
const FORM_FIELDS: readonly string[] = ['portal', 'name', 'baseUrl', 'username', 'password'];
const HTTP_URL = /^https?:\/\//;

/** 添加充值网站账号: the site, its address and the login the RPA uses; the password is sealed by the core. */
export function PortalFormModal(props: { onClose(): void; onSaved(account: PortalAccountView): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<PortalFormValues>();
  useRevalidateOnLanguageChange(form);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();

  const save = async (values: PortalFormValues) => {
    setSaving(true);
    setFormError(undefined);
    try {
      const saved = await call('portals.add', { ...values, name: values.name.trim(), baseUrl: values.baseUrl.trim(), username: values.username.trim() });
      message.success(t('topup.portal.added', { name: saved.name }));
      props.onSaved(saved);
    } catch (err) {
      const issues = inputIssues(err);
      const onForm = issues.filter((i) => FORM_FIELDS.includes(i.field));
      form.setFields(onForm.map((i) => ({ name: i.field as keyof PortalFormValues, errors: [i.message] })));
      if (onForm.length === 0 || onForm.length < issues.length) setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('topup.portal.newTitle')}
      okText={t('topup.portal.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'portal-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      width={560}
      data-testid="portal-modal"
    >
      <Alert type="info" showIcon title={t('topup.portal.formExplain')} style={{ marginBottom: 16 }} />
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<PortalFormValues>
        form={form}
        layout="vertical"
        initialValues={{ portal: PORTAL_KINDS[0], name: '', baseUrl: '', username: '', password: '' }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="portal" label={t('topup.portal.site')}>
          <Select options={PORTAL_KINDS.map((p) => ({ value: p, label: t(`topup.portal.kind.${p}`) }))} data-testid="portal-site" />
        </Form.Item>
        <Form.Item name="name" label={t('topup.portal.name')} rules={[{ required: true, whitespace: true, message: t('topup.portal.nameRequired') }]}>
          <Input maxLength={60} placeholder={t('topup.portal.namePlaceholder')} data-testid="portal-name" />
        </Form.Item>
        <Form.Item
          name="baseUrl"
          label={t('topup.portal.baseUrl')}
          extra={t('topup.portal.baseUrlHelp')}
          rules={[
            { required: true, whitespace: true, message: t('topup.portal.baseUrlRequired') },
            { validator: async (_, v: string | undefined) => { if (v && v.trim() && !HTTP_URL.test(v.trim())) throw new Error(t('topup.portal.baseUrlInvalid')); } },
          ]}
        >
          <Input maxLength={500} autoComplete="off" spellCheck={false} placeholder="https://" data-testid="portal-base-url" />
        </Form.Item>
        <Form.Item name="username" label={t('topup.portal.username')} rules={[{ required: true, whitespace: true, message: t('topup.portal.usernameRequired') }]}>
          <Input maxLength={100} autoComplete="off" spellCheck={false} data-testid="portal-username" />
        </Form.Item>
        <Form.Item name="password" label={t('topup.portal.password')} extra={t('topup.portal.passwordHelp')} rules={[{ required: true, message: t('topup.portal.passwordRequired') }]}>
          <Input.Password maxLength={200} autoComplete="new-password" data-testid="portal-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
