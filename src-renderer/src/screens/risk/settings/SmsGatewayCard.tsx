import { Alert, App, Button, Card, Flex, Form, Input, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { RiskSettings } from '../../../../../src-shared/contract/methods/risk.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';

type Sms = RiskSettings['sms'];

interface Values {
  enabled: boolean;
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
}

const FIELDS: readonly string[] = ['enabled', 'endpoint', 'accessKeyId', 'accessKeySecret', 'signName', 'templateCode'];
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/**
 * 短信网关 (阿里云短信-style): where the verification codes are sent from. The AccessKeySecret is
 * write-only: the core only says whether one is stored, and a blank field keeps it.
 */
export function SmsGatewayCard(props: { sms: Sms; onSaved(s: RiskSettings): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useRevalidateOnLanguageChange(form);
  const [busy, setBusy] = useState<'save' | 'test'>();
  const [formError, setFormError] = useState<string>();
  const [phone, setPhone] = useState('');
  const [test, setTest] = useState<{ ok: boolean; message: string }>();
  const { sms } = props;

  const save = async (v: Values) => {
    setBusy('save');
    setFormError(undefined);
    try {
      const secret = v.accessKeySecret.trim();
      const saved = await call('risk.settings.update', {
        sms: {
          enabled: v.enabled,
          endpoint: orNull(v.endpoint),
          accessKeyId: orNull(v.accessKeyId),
          ...(secret !== '' && { accessKeySecret: secret }),
          signName: orNull(v.signName),
          templateCode: orNull(v.templateCode),
        },
      });
      form.setFieldValue('accessKeySecret', '');
      props.onSaved(saved);
      message.success(t('risk.sms.saved'));
    } catch (err) {
      const issues = inputIssues(err);
      const placed = issues.flatMap((i) => {
        const name = i.field.replace(/^sms\./, '');
        return FIELDS.includes(name) ? [{ name: name as keyof Values, errors: [i.message] }] : [];
      });
      form.setFields(placed);
      if (placed.length === 0 || placed.length < issues.length) setFormError(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const sendTest = async () => {
    setBusy('test');
    setTest(undefined);
    try {
      setTest(await call('risk.sms.test', { phone: phone.trim() }));
    } catch (err) {
      setTest({ ok: false, message: errorText(err) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card size="small" title={t('risk.sms.title')} data-testid="sms-card">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('risk.sms.explain')}
      </Typography.Paragraph>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          enabled: sms.enabled,
          endpoint: sms.endpoint ?? '',
          accessKeyId: sms.accessKeyId ?? '',
          accessKeySecret: '',
          signName: sms.signName ?? '',
          templateCode: sms.templateCode ?? '',
        }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="enabled" valuePropName="checked" label={t('risk.sms.enabled')}>
          <Switch data-testid="sms-enabled" />
        </Form.Item>
        <Form.Item name="endpoint" label={t('risk.sms.endpoint')} extra={t('risk.sms.endpointHelp')}>
          <Input maxLength={300} placeholder="https://dysmsapi.aliyuncs.com" spellCheck={false} data-testid="sms-endpoint" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="accessKeyId" label="AccessKeyId" style={{ flex: '1 1 260px' }}>
            <Input maxLength={100} autoComplete="off" spellCheck={false} data-testid="sms-key-id" />
          </Form.Item>
          <Form.Item name="accessKeySecret" label="AccessKeySecret" extra={sms.secretSet ? t('risk.sms.secretKept') : t('risk.sms.secretNone')} style={{ flex: '1 1 260px' }}>
            <Input.Password maxLength={200} autoComplete="new-password" placeholder={sms.secretSet ? '••••••••' : ''} data-testid="sms-key-secret" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="signName" label={t('risk.sms.signName')} style={{ flex: '1 1 260px' }}>
            <Input maxLength={60} data-testid="sms-sign-name" />
          </Form.Item>
          <Form.Item name="templateCode" label={t('risk.sms.templateCode')} extra={t('risk.sms.templateHelp')} style={{ flex: '1 1 260px' }}>
            <Input maxLength={60} placeholder="SMS_123456789" spellCheck={false} data-testid="sms-template" />
          </Form.Item>
        </Flex>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={8}>
            <Space.Compact>
              <Input value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={11} inputMode="numeric" placeholder={t('risk.sms.testPhone')} style={{ width: 200 }} data-testid="sms-test-phone" />
              <Button onClick={() => void sendTest()} loading={busy === 'test'} disabled={phone.trim() === ''} data-testid="sms-test">
                {t('risk.sms.test')}
              </Button>
            </Space.Compact>
            {test ? (
              <Alert type={test.ok ? 'success' : 'error'} showIcon title={test.message} data-testid="sms-test-result" />
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('risk.sms.testHelp')}
              </Typography.Text>
            )}
          </Flex>
          <Button type="primary" htmlType="submit" loading={busy === 'save'} data-testid="sms-save">
            {t('risk.sms.save')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
