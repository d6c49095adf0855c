import { Alert, App, Form, Input, Modal, Select, Skeleton, type ButtonProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import type { Supplier } from '../../../../../src-shared/contract/methods/topup.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useI18n } from '../../../i18n/index.js';
import {
  FORM_FIELDS, formFieldOf, HTTP_URL, isSupplierCredentialKey, SUPPLIER_CREDENTIAL_MAX, toSupplierInput, toSupplierUpdate,
  type SupplierField, type SupplierFormValues,
} from './supplier-form.js';

/**
 * 添加供应商 / 修改授权, mounted while open. The fields are the ones `suppliers.kinds` lists for the chosen
 * interface; the core checks them by reading the balance once before it keeps them. Editing starts with
 * every credential blank: blank keeps what is saved.
 */
export function SupplierFormModal(props: { supplier: Supplier | undefined; onClose(): void; onSaved(supplier: Supplier): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const kinds = useCall('suppliers.kinds', {});
  const [form] = Form.useForm<SupplierFormValues>();
  useRevalidateOnLanguageChange(form);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const target = props.supplier;
  const chosen = Form.useWatch('kind', form) ?? target?.kind ?? 'fulu';
  const kind = kinds.data?.find((k) => k.kind === chosen);

  const save = async (values: SupplierFormValues) => {
    setSaving(true);
    setFormError(undefined);
    try {
      const saved = target ? await call('suppliers.update', toSupplierUpdate(values, target.id)) : await call('suppliers.add', toSupplierInput(values));
      message.success(t(target ? 'topup.supplier.updated' : 'topup.supplier.added', { name: saved.name }));
      props.onSaved(saved);
    } catch (err) {
      const issues = inputIssues(err);
      const onForm = issues.filter((i) => FORM_FIELDS.includes(formFieldOf(i.field)[0] ?? ''));
      // The server names fields by path; antd's typed paths cannot express a path built at run time.
      form.setFields(onForm.map((i) => ({ name: formFieldOf(i.field), errors: [i.message] })) as Parameters<typeof form.setFields>[0]);
      if (onForm.length === 0 || onForm.length < issues.length) setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={target ? t('topup.supplier.editTitle', { name: target.name }) : t('topup.supplier.newTitle')}
      okText={t(target ? 'topup.supplier.saveEdit' : 'topup.supplier.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'supplier-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      width={580}
      data-testid="supplier-modal"
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="supplier-form-error" />}
      {kinds.error !== undefined && <Alert type="error" showIcon title={errorText(kinds.error)} style={{ marginBottom: 16 }} />}
      {target?.status === 'needs_auth' && <Alert type="warning" showIcon title={t('topup.supplier.needsAuth')} description={target.lastError ?? undefined} style={{ marginBottom: 16 }} />}
      <Form<SupplierFormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: target?.kind ?? 'fulu', name: target?.name ?? '', credentials: {} }}
        onFinish={(v) => void save(v)}
        scrollToFirstError
      >
        <Form.Item name="kind" label={t('topup.supplier.kind')} hidden={target !== undefined}>
          <Select options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: k.title }))} loading={kinds.loading} data-testid="supplier-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('topup.supplier.name')} rules={[{ required: true, whitespace: true, message: t('topup.supplier.nameRequired') }]}>
          <Input maxLength={60} placeholder={t('topup.supplier.namePlaceholder')} data-testid="supplier-name" />
        </Form.Item>
        {kind ? <CredentialInputs fields={kind.fields} keepBlank={target !== undefined} /> : kinds.loading && <Skeleton active />}
      </Form>
    </Modal>
  );
}

/** The interface's authorisation fields; secrets are password inputs, never shown again once saved. */
function CredentialInputs(props: { fields: SupplierField[]; keepBlank: boolean }) {
  const { t, language } = useI18n();
  // The core names fields in Chinese; English has its own words for the known keys.
  const labelOf = (f: SupplierField) => (language !== 'zh-CN' && isSupplierCredentialKey(f.key) ? t(`topup.field.${f.key}`) : f.label);
  return (
    <>
      {props.fields.map((f) => {
        const label = labelOf(f);
        const rules: Rule[] = [];
        if (f.required && !props.keepBlank) rules.push({ required: true, whitespace: true, message: t('topup.supplier.fieldRequired', { label }) });
        if (f.key === 'endpoint') {
          rules.push({
            validator: async (_, value: string | undefined) => {
              if (value && value.trim() !== '' && !HTTP_URL.test(value.trim())) throw new Error(t('topup.supplier.endpointInvalid'));
            },
          });
        }
        const common = {
          maxLength: isSupplierCredentialKey(f.key) ? SUPPLIER_CREDENTIAL_MAX[f.key] : undefined,
          placeholder: props.keepBlank ? t('topup.supplier.keepPlaceholder') : undefined,
          'data-testid': `supplier-credential-${f.key}`,
        };
        return (
          <Form.Item key={f.key} name={['credentials', f.key]} label={label} extra={f.help} rules={rules} required={f.required && !props.keepBlank}>
            {f.secret ? <Input.Password autoComplete="new-password" {...common} /> : <Input autoComplete="off" spellCheck={false} {...common} />}
          </Form.Item>
        );
      })}
    </>
  );
}
