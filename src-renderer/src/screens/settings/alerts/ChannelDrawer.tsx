import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Radio, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { AlertKind } from '../../../../../src-shared/contract/index.js';
import type { AlertChannel, AlertChannelKind } from '../../../../../src-shared/contract/methods/alerts.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ALERT_KINDS, CHANNEL_KINDS, URL_EXAMPLE, kindLabel, platformLabel } from './labels.js';

interface FormValues {
  kind: AlertChannelKind;
  name: string;
  url: string;
  secret: string;
  clearSecret: boolean;
  kindsMode: 'all' | 'some';
  kinds: AlertKind[];
  enabled: boolean;
}

const FIELDS = ['kind', 'name', 'url', 'secret', 'kinds'];
const HTTP_URL = /^https?:\/\/[^\s/?#]+/i;

function initialValues(channel: AlertChannel | undefined): FormValues {
  if (!channel) return { kind: 'dingtalk', name: '', url: '', secret: '', clearSecret: false, kindsMode: 'all', kinds: [], enabled: true };
  return {
    kind: channel.kind, name: channel.name, url: '', secret: '', clearSecret: false,
    kindsMode: channel.kinds.length === 0 ? 'all' : 'some', kinds: channel.kinds, enabled: channel.enabled,
  };
}

/**
 * 添加 / 修改群机器人, mounted while open. The URL and secret are never shown back: on edit a blank field
 * keeps what is stored. With the sandbox running, one click makes a simulated bot to try it with.
 */
export function ChannelDrawer(props: { channel: AlertChannel | undefined; sandbox: boolean; onClose(): void; onSaved(channel: AlertChannel): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  useRevalidateOnLanguageChange(form);
  const [saving, setSaving] = useState(false);
  const [filling, setFilling] = useState(false);
  const [formError, setFormError] = useState<string>();
  const editing = props.channel;
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? 'dingtalk';
  const kindsMode = Form.useWatch('kindsMode', form) ?? 'all';
  const signed = kind !== 'wecom';

  const fillSandbox = async () => {
    setFilling(true);
    setFormError(undefined);
    try {
      const bot = await call('alerts.channels.sandboxBot', { kind });
      form.setFieldsValue({ url: bot.url, secret: bot.secret ?? '', ...(!form.getFieldValue('name') && { name: `沙箱${t(platformLabel(kind))}群` }) });
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setFilling(false);
    }
  };

  const save = async (v: FormValues) => {
    setSaving(true);
    setFormError(undefined);
    try {
      const saved = await call('alerts.channels.save', {
        ...(editing && { id: editing.id }),
        kind: editing?.kind ?? v.kind,
        name: v.name,
        enabled: v.enabled,
        url: v.url ?? '',
        secret: signed ? (v.secret ?? '') : '',
        clearSecret: signed && v.clearSecret,
        kinds: v.kindsMode === 'all' ? [] : v.kinds,
      });
      message.success(t('alerts.saved', { name: saved.name }));
      props.onSaved(saved);
    } catch (err) {
      const issues = inputIssues(err);
      const onForm = issues.filter((i) => FIELDS.includes(i.field));
      form.setFields(onForm.map((i) => ({ name: i.field as keyof FormValues, errors: [i.message] })));
      if (onForm.length === 0 || onForm.length < issues.length) setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const footer = (
    <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
      <Button onClick={props.onClose}>{t('common.cancel')}</Button>
      <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="alert-channel-save">
        {t('alerts.form.save')}
      </Button>
    </Space>
  );

  return (
    <Drawer
      open
      size={560}
      title={editing ? t('alerts.form.editTitle', { name: editing.name }) : t('alerts.form.newTitle')}
      onClose={props.onClose}
      footer={footer}
      data-testid="alert-channel-drawer"
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="alert-channel-form-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues(editing)} onFinish={(v) => void save(v)} scrollToFirstError>
        <Form.Item name="kind" label={t('alerts.form.kind')} extra={editing ? t('alerts.form.kindLocked') : undefined}>
          <Radio.Group optionType="button" buttonStyle="solid" disabled={editing !== undefined}>
            {CHANNEL_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`alert-channel-kind-${k}`}>{t(platformLabel(k))}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Alert type="info" title={t('alerts.form.howto')} description={t(`alerts.howto.${kind}`)} style={{ marginBottom: 16 }} data-testid="alert-channel-howto" />
        {props.sandbox && !editing && (
          <Space orientation="vertical" size={2} style={{ marginBottom: 16 }}>
            <Button icon={<ExperimentOutlined />} loading={filling} onClick={() => void fillSandbox()} data-testid="alert-channel-sandbox">
              {t('alerts.form.sandbox')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('alerts.form.sandboxHelp')}
            </Typography.Text>
          </Space>
        )}
        <Form.Item name="name" label={t('alerts.form.name')} rules={[{ required: true, whitespace: true, message: t('alerts.form.nameRequired') }]}>
          <Input maxLength={60} placeholder={t('alerts.form.namePlaceholder')} data-testid="alert-channel-name-input" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('alerts.form.url')}
          extra={editing ? t('alerts.form.urlKeep', { masked: editing.urlMasked }) : undefined}
          rules={[
            { required: !editing, whitespace: true, message: t('alerts.form.urlRequired') },
            { validator: (_, v?: string) => (!v || HTTP_URL.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('alerts.form.urlNotHttp')))) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} spellCheck={false} placeholder={URL_EXAMPLE[kind]} data-testid="alert-channel-url" />
        </Form.Item>
        {signed && (
          <Form.Item name="secret" label={t('alerts.form.secret')} extra={editing?.hasSecret ? t('alerts.form.secretKeep') : t(kind === 'dingtalk' ? 'alerts.form.secretHelp.dingtalk' : 'alerts.form.secretHelp.feishu')}>
            <Input.Password maxLength={200} autoComplete="off" visibilityToggle={false} data-testid="alert-channel-secret" />
          </Form.Item>
        )}
        {signed && editing?.hasSecret && (
          <Form.Item name="clearSecret" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox>{t('alerts.form.clearSecret')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="kindsMode" label={t('alerts.form.kinds')}>
          <Radio.Group>
            <Radio value="all">{t('alerts.form.kindsAll')}</Radio>
            <Radio value="some">{t('alerts.form.kindsSome')}</Radio>
          </Radio.Group>
        </Form.Item>
        {kindsMode === 'some' && (
          <Form.Item name="kinds" rules={[{ type: 'array', min: 1, message: t('alerts.form.kindsRequired') }]} style={{ marginTop: -8 }}>
            <Checkbox.Group options={ALERT_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))} data-testid="alert-channel-kinds" />
          </Form.Item>
        )}
        <Form.Item name="enabled" label={t('alerts.form.enabled')} valuePropName="checked">
          <Switch data-testid="alert-channel-enabled" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
