import { App, Button, Checkbox, Form, InputNumber, Skeleton, Switch } from 'antd';
import { useState } from 'react';
import type { AlertSettings } from '../../../../../src-shared/contract/methods/alerts.js';
import { call, inputIssues } from '../../../api/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ALERT_KINDS, kindLabel } from './labels.js';

/** 提醒设置: the grouping window, desktop notifications, and which kinds are sent at all. */
export function AlertSettingsForm() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const settings = useCall('alerts.settings.get', {});
  const [form] = Form.useForm<AlertSettings>();
  const [saving, setSaving] = useState(false);

  if (!settings.data) return <Skeleton active paragraph={{ rows: 3 }} />;

  const save = async (values: AlertSettings) => {
    setSaving(true);
    try {
      settings.setData(await call('alerts.settings.update', values));
      message.success(t('alerts.settings.saved'));
    } catch (err) {
      const issues = inputIssues(err);
      if (issues.length) form.setFields(issues.map((i) => ({ name: i.field as keyof AlertSettings, errors: [i.message] })));
      else message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<AlertSettings> form={form} layout="vertical" initialValues={settings.data} onFinish={(v) => void save(v)} data-testid="alert-settings" style={{ maxWidth: 860 }}>
      <Form.Item name="throttleMinutes" label={t('alerts.settings.throttle')} extra={t('alerts.settings.throttleHelp')} rules={[{ required: true, type: 'number', min: 1, max: 120 }]}>
        <InputNumber min={1} max={120} precision={0} suffix={t('alerts.settings.minutes')} style={{ width: 160 }} data-testid="alert-settings-throttle" />
      </Form.Item>
      <Form.Item name="desktop" label={t('alerts.settings.desktop')} extra={t('alerts.settings.desktopHelp')} valuePropName="checked">
        <Switch data-testid="alert-settings-desktop" />
      </Form.Item>
      <Form.Item name="kinds" label={t('alerts.settings.kinds')} extra={t('alerts.settings.kindsHelp')}>
        <Checkbox.Group options={ALERT_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))} data-testid="alert-settings-kinds" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="alert-settings-save">
        {t('alerts.settings.save')}
      </Button>
    </Form>
  );
}
