import { Alert, App, Button, Card, Flex, Form, InputNumber, Skeleton, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { RiskSettings } from '../../../../../src-shared/contract/methods/risk.js';
import { PLATFORM_TITLES, type PlatformName } from '../../../../../src-shared/contract/methods/shops.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { SmsGatewayCard } from './SmsGatewayCard.js';

type Values = Omit<RiskSettings, 'sms'>;
const PLATFORMS = Object.keys(PLATFORM_TITLES) as PlatformName[];
const FIELDS: readonly string[] = ['otpTtlMinutes', 'otpMaxAttempts', 'otpMaxSends', 'alertBeforeMinutes', 'autoBlacklistRefundAfterRedeem'];

/** `shipDeadlineHours.taobao` → the form's nested name; undefined for a field this form does not have. */
function formName(field: string): (string | number)[] | undefined {
  const [head, key] = field.split('.');
  if (head === 'shipDeadlineHours' && key) return [head, key];
  return head && FIELDS.includes(head) ? [head] : undefined;
}

/**
 * 设置: the second verification's limits, each platform's shipping deadline (every hold ends before
 * it), when to alert, auto-blacklisting, and the SMS gateway.
 */
export function RiskSettingsTab() {
  const t = useT();
  const errorText = useErrorText();
  const settings = useCall('risk.settings.get', {});
  if (!settings.data) {
    return settings.error !== undefined ? (
      <Alert type="error" showIcon title={errorText(settings.error)} action={<Button size="small" onClick={settings.reload}>{t('common.retry')}</Button>} data-testid="risk-settings-error" />
    ) : (
      <Skeleton active />
    );
  }
  return (
    <Flex vertical gap={16}>
      <GeneralCard key={JSON.stringify(settings.data)} settings={settings.data} onSaved={settings.setData} />
      <SmsGatewayCard sms={settings.data.sms} onSaved={settings.setData} />
    </Flex>
  );
}

function GeneralCard(props: { settings: RiskSettings; onSaved(s: RiskSettings): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useRevalidateOnLanguageChange(form);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { sms: _sms, ...initial } = props.settings;

  const save = async (v: Values) => {
    setBusy(true);
    setFormError(undefined);
    try {
      props.onSaved(await call('risk.settings.update', v));
      message.success(t('risk.settings.saved'));
    } catch (err) {
      const issues = inputIssues(err);
      const placed = issues.flatMap((i) => {
        const name = formName(i.field);
        return name ? [{ name, errors: [i.message] }] : [];
      });
      form.setFields(placed as Parameters<typeof form.setFields>[0]);
      if (placed.length === 0 || placed.length < issues.length) setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const number = (name: keyof Values, min: number, max: number, suffix: string, label: string, help?: string) => (
    <Form.Item name={name} label={label} tooltip={help} rules={[{ required: true, type: 'number', min, max, message: t('risk.settings.range', { min, max }) }]}>
      <InputNumber min={min} max={max} precision={0} suffix={suffix} style={{ width: 150 }} data-testid={`risk-settings-${name}`} />
    </Form.Item>
  );

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initial} onFinish={(v) => void save(v)}>
      <Flex vertical gap={16}>
        {formError && <Alert type="error" showIcon title={formError} />}
        <Card size="small" title={t('risk.settings.otp')}>
          <Flex gap={24} wrap>
            {number('otpTtlMinutes', 1, 60, t('risk.editor.minutes'), t('risk.settings.otpTtl'))}
            {number('otpMaxAttempts', 1, 10, t('risk.settings.times'), t('risk.settings.otpAttempts'), t('risk.settings.otpAttemptsHelp'))}
            {number('otpMaxSends', 1, 10, t('risk.settings.times'), t('risk.settings.otpSends'))}
          </Flex>
        </Card>
        <Card size="small" title={t('risk.settings.deadline')}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('risk.settings.deadlineHelp')}
          </Typography.Paragraph>
          <Flex gap={24} wrap>
            {PLATFORMS.map((p) => (
              <Form.Item key={p} name={['shipDeadlineHours', p]} label={t(`shops.platform.${p}`)} rules={[{ required: true, type: 'number', min: 1, max: 360, message: t('risk.settings.range', { min: 1, max: 360 }) }]}>
                <InputNumber min={1} max={360} precision={0} suffix={t('risk.settings.hours')} style={{ width: 130 }} data-testid={`risk-settings-deadline-${p}`} />
              </Form.Item>
            ))}
          </Flex>
          {number('alertBeforeMinutes', 5, 1440, t('risk.editor.minutes'), t('risk.settings.alertBefore'), t('risk.settings.alertBeforeHelp'))}
        </Card>
        <Card size="small" title={t('risk.settings.auto')}>
          <Form.Item name="autoBlacklistRefundAfterRedeem" valuePropName="checked" label={t('risk.settings.autoBlacklist')} extra={t('risk.settings.autoBlacklistHelp')} style={{ marginBottom: 0 }}>
            <Switch data-testid="risk-settings-auto-blacklist" />
          </Form.Item>
        </Card>
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="risk-settings-save">
            {t('risk.settings.save')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
