import { Form, Input } from 'antd';
import { useT } from '../i18n/index.js';
import { useRevalidateOnLanguageChange } from './useRevalidateOnLanguageChange.js';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength, type Strength } from './passphrase-strength.js';

const meter: Record<Strength, { filled: number; color: string }> = {
  'too-short': { filled: 0, color: '#d9d9d9' },
  weak: { filled: 1, color: '#ff4d4f' },
  fair: { filled: 2, color: '#faad14' },
  strong: { filled: 3, color: '#52c41a' },
};

function StrengthHint(props: { value: string }) {
  const t = useT();
  const strength = passphraseStrength(props.value);
  const { filled, color } = meter[strength];
  const missing = MIN_PASSPHRASE_LENGTH - [...props.value].length;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }} aria-live="polite">
      <div style={{ display: 'flex', gap: 4 }} aria-hidden>
        {[0, 1, 2].map((i) => (
          <span key={i} style={{ width: 28, height: 4, borderRadius: 2, background: i < filled ? color : '#e8e8e8' }} />
        ))}
      </div>
      <span>
        {strength === 'too-short'
          ? t('passphrase.tooShort', { min: MIN_PASSPHRASE_LENGTH, missing })
          : t(`passphrase.strength.${strength}`)}
      </span>
    </div>
  );
}

/**
 * New passphrase + confirmation, for a parent Form. Field names are `passphrase` and `confirm`, so a
 * parent can put the server's message on `passphrase` with form.setFields.
 */
export function PassphraseFields(props: { autoFocus?: boolean; testIdPrefix: string; label?: string }) {
  const t = useT();
  const form = Form.useFormInstance();
  const value = (Form.useWatch('passphrase', form) as string | undefined) ?? '';
  useRevalidateOnLanguageChange(form);
  return (
    <>
      <Form.Item
        name="passphrase"
        label={props.label ?? t('passphrase.label')}
        extra={<StrengthHint value={value} />}
        rules={[
          { required: true, message: t('passphrase.required') },
          {
            validator: (_, v: string | undefined) =>
              [...(v ?? '')].length >= MIN_PASSPHRASE_LENGTH
                ? Promise.resolve()
                : Promise.reject(new Error(t('passphrase.min', { min: MIN_PASSPHRASE_LENGTH }))),
          },
        ]}
        validateTrigger="onBlur"
        validateFirst
      >
        <Input.Password
          autoFocus={props.autoFocus}
          autoComplete="new-password"
          data-testid={`${props.testIdPrefix}`}
          placeholder={t('passphrase.placeholder', { min: MIN_PASSPHRASE_LENGTH })}
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('passphrase.confirmLabel')}
        dependencies={['passphrase']}
        validateTrigger="onBlur"
        validateFirst
        rules={[
          { required: true, message: t('passphrase.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              !v || v === getFieldValue('passphrase')
                ? Promise.resolve()
                : Promise.reject(new Error(t('passphrase.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${props.testIdPrefix}-confirm`} />
      </Form.Item>
    </>
  );
}
