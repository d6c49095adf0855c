import { Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../../i18n/index.js';
import { CREDENTIAL_MAX_LENGTH, HTTP_URL, isCredentialKey, type CredentialField } from './shop-form.js';

/**
 * The platform's authorisation fields, as `shops.platforms` lists them. Secrets are password inputs.
 * When `keepBlank` (editing), nothing is required: a blank field keeps what is saved.
 */
export function CredentialFields(props: { fields: CredentialField[]; keepBlank: boolean }) {
  const { t, language } = useI18n();
  // The core names fields in Chinese, per platform; English has its own words for the known keys.
  const labelOf = (f: CredentialField) => (language !== 'zh-CN' && isCredentialKey(f.key) ? t(`shops.field.${f.key}`) : f.label);

  return (
    <>
      {props.fields.map((f) => {
        const label = labelOf(f);
        const rules: Rule[] = [];
        if (f.required && !props.keepBlank) rules.push({ required: true, whitespace: true, message: t('shops.form.fieldRequired', { label }) });
        if (f.key === 'endpoint') {
          rules.push({
            validator: async (_, value: string | undefined) => {
              if (value && value.trim() !== '' && !HTTP_URL.test(value.trim())) throw new Error(t('shops.form.endpointInvalid'));
            },
          });
        }
        const common = {
          maxLength: isCredentialKey(f.key) ? CREDENTIAL_MAX_LENGTH[f.key] : undefined,
          placeholder: props.keepBlank ? t('shops.form.keepPlaceholder') : undefined,
          'data-testid': `shop-credential-${f.key}`,
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
