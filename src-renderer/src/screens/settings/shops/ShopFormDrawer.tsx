import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, InputNumber, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { PlatformName, Shop } from '../../../../../src-shared/contract/methods/shops.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { CredentialFields } from './CredentialFields.js';
import { PlatformPicker } from './PlatformPicker.js';
import {
  CATCH_UP_HOURS, editShopValues, filledCredentials, FORM_FIELDS, formFieldOf, newShopValues, POLL_SECONDS,
  toShopInput, toShopUpdate, type PlatformInfo, type ShopFormValues,
} from './shop-form.js';
import { ShopTestResult, type TestState } from './ShopTestResult.js';

/**
 * 添加 / 编辑店铺, mounted while open. Saving a new shop (or new credentials) runs 测试连接 right
 * away, so the owner learns now, not at the first poll, that a secret was mistyped; from a failed
 * test, 修改授权信息 goes back to the form of the saved shop.
 */
export function ShopFormDrawer(props: { shop: Shop | undefined; platforms: PlatformInfo[]; platformsError: unknown; onClose(): void; onSaved(shop: Shop): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShopFormValues>();
  useRevalidateOnLanguageChange(form);
  // The shop being edited: the one passed in, or the one just saved when the owner fixes its credentials.
  const [target, setTarget] = useState(props.shop);
  const [phase, setPhase] = useState<'form' | 'test'>('form');
  const [test, setTest] = useState<TestState>({ state: 'running' });
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const chosen = Form.useWatch('platform', form) ?? target?.platform;
  const platform = props.platforms.find((p) => p.platform === chosen);

  const runTest = async (id: number) => {
    setPhase('test');
    setTest({ state: 'running' });
    try {
      setTest({ state: 'done', result: await call('shops.test', { id }) });
    } catch (error) {
      setTest({ state: 'failed', error });
    }
  };

  const save = async (values: ShopFormValues) => {
    const platformName: PlatformName | undefined = target?.platform ?? values.platform;
    if (!platformName) return;
    setSaving(true);
    setFormError(undefined);
    try {
      const saved = target ? await call('shops.update', toShopUpdate(values, target.id)) : await call('shops.add', toShopInput(values, platformName));
      const credentialsChanged = !target || Object.keys(filledCredentials(values)).length > 0;
      message.success(t('shops.form.saved', { name: saved.name }));
      setTarget(saved);
      props.onSaved(saved);
      if (credentialsChanged) void runTest(saved.id);
      else props.onClose();
    } catch (err) {
      const issues = inputIssues(err);
      const onForm = issues.filter((i) => FORM_FIELDS.includes(String(formFieldOf(i.field)[0])));
      // The server names fields by path; antd's typed paths cannot express a path built at run time.
      form.setFields(onForm.map((i) => ({ name: formFieldOf(i.field), errors: [i.message] })) as Parameters<typeof form.setFields>[0]);
      if (onForm.length === 0 || onForm.length < issues.length) setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const backToForm = () => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(editShopValues(target));
    setPhase('form');
  };

  const title = target ? t('shops.form.editTitle', { name: target.name }) : t('shops.form.newTitle');
  const footer =
    phase === 'form' ? (
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="shop-save">
          {t(target ? 'shops.form.saveEdit' : 'shops.form.save')}
        </Button>
      </Space>
    ) : (
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={backToForm} disabled={test.state === 'running'} data-testid="shop-fix">
          {t('shops.form.fixCredentials')}
        </Button>
        <Button onClick={() => target && void runTest(target.id)} loading={test.state === 'running'} data-testid="shop-test-again">
          {t('shops.form.testAgain')}
        </Button>
        <Button type="primary" onClick={props.onClose} data-testid="shop-done">
          {t('shops.form.done')}
        </Button>
      </Space>
    );

  return (
    <Drawer open size={600} title={title} onClose={props.onClose} footer={footer} data-testid="shop-drawer">
      {phase === 'test' && (
        <Flex vertical gap={16}>
          <ShopTestResult test={test} />
          {target?.pushPath && (
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[{ key: 'push', label: t('shops.col.push'), children: <Typography.Text copyable>{target.pushPath}</Typography.Text> }]}
            />
          )}
          {target?.pushPath && <Typography.Text type="secondary">{t('shops.pushHelp')}</Typography.Text>}
        </Flex>
      )}
      {/* Kept mounted during the test, so 修改授权信息 returns to a connected form. */}
      <div hidden={phase !== 'form'}>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        {props.platformsError !== undefined && <Alert type="error" showIcon title={errorText(props.platformsError)} style={{ marginBottom: 16 }} />}
        {target?.status === 'needs_auth' && (
          <Alert type="warning" showIcon title={t('shops.form.needsAuth')} description={target.lastError ?? undefined} style={{ marginBottom: 16 }} />
        )}
        <Form<ShopFormValues>
          form={form}
          layout="vertical"
          initialValues={target ? editShopValues(target) : newShopValues()}
          onFinish={(v) => void save(v)}
          scrollToFirstError
        >
          {target ? (
            <Form.Item label={t('shops.form.platform')}>
              <Typography.Text strong>{t(`shops.platform.${target.platform}`)}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item name="platform" label={t('shops.form.platform')} rules={[{ required: true, message: t('shops.form.platformRequired') }]}>
              <PlatformPicker platforms={props.platforms} />
            </Form.Item>
          )}
          {platform && (
            <>
              <Form.Item
                name="name"
                label={t('shops.form.name')}
                rules={[
                  { required: true, whitespace: true, message: t('shops.form.nameRequired') },
                  { max: 60, message: t('shops.form.nameTooLong') },
                ]}
              >
                <Input maxLength={60} placeholder={t('shops.form.namePlaceholder')} data-testid="shop-name" />
              </Form.Item>
              <Typography.Title level={5} style={{ marginTop: 8 }}>
                {t('shops.form.credentials')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t(target ? 'shops.form.credentialsKeep' : 'shops.form.credentialsHelp')}</Typography.Paragraph>
              <CredentialFields fields={platform.fields} keepBlank={target !== undefined} />
              {platform.push && !target && <Alert type="info" showIcon title={t('shops.form.pushNote')} style={{ marginBottom: 16 }} />}
              <Space size="large" align="start" wrap>
                <Form.Item
                  name="pollSeconds"
                  label={t('shops.form.pollSeconds')}
                  tooltip={t('shops.form.pollSecondsHelp')}
                  rules={[{ required: true, type: 'number', min: POLL_SECONDS.min, max: POLL_SECONDS.max, message: t('shops.form.pollRange') }]}
                >
                  <InputNumber min={POLL_SECONDS.min} max={POLL_SECONDS.max} precision={0} suffix={t('shops.form.seconds')} style={{ width: 160 }} data-testid="shop-poll-seconds" />
                </Form.Item>
                {!target && (
                  <Form.Item
                    name="catchUpHours"
                    label={t('shops.form.catchUpHours')}
                    tooltip={t('shops.form.catchUpHelp')}
                    rules={[{ required: true, type: 'number', min: CATCH_UP_HOURS.min, max: CATCH_UP_HOURS.max, message: t('shops.form.catchUpRange') }]}
                  >
                    <InputNumber min={CATCH_UP_HOURS.min} max={CATCH_UP_HOURS.max} precision={0} suffix={t('shops.form.hours')} style={{ width: 160 }} data-testid="shop-catch-up-hours" />
                  </Form.Item>
                )}
              </Space>
            </>
          )}
          {!platform && props.platforms.length === 0 && props.platformsError === undefined && <Skeleton active />}
          {!platform && !target && props.platforms.length > 0 && <Typography.Text type="secondary">{t('shops.form.pickPlatformFirst')}</Typography.Text>}
        </Form>
      </div>
    </Drawer>
  );
}
