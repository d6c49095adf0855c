import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Skeleton, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { SandboxStatus } from '../../../src-shared/contract/methods/sandbox.js';
import { call } from '../api/index.js';
import { useCall } from '../hooks/useCall.js';
import { useErrorText, useT } from '../i18n/index.js';

/** Step 3 (optional): a simulated shop to watch orders flow without touching a real one. */
export function DemoShopStep(props: { onNext(opened: SandboxStatus['demoShop']): void }) {
  const t = useT();
  const errorText = useErrorText();
  const sandbox = useCall('sandbox.status', {});
  const [wanted, setWanted] = useState(false);
  const [name, setName] = useState(() => t('demoShop.defaultName'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const running = sandbox.data?.running === true;
  const existing = sandbox.data?.demoShop;

  const next = async () => {
    if (!wanted || existing) return props.onNext(existing);
    setBusy(true);
    setFailure(undefined);
    try {
      const status = await call('sandbox.openDemoShop', { name: name.trim() || t('demoShop.defaultName') });
      props.onNext(status.demoShop);
    } catch (err) {
      setFailure(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        <ExperimentOutlined style={{ color: '#722ed1', marginRight: 10 }} />
        {t('wizard.demo.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('wizard.demo.text')}</Typography.Paragraph>
      {sandbox.loading && !sandbox.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <div style={{ border: '1px solid #e3e7ef', borderRadius: 10, padding: 16 }}>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
            <div>
              <Typography.Text strong>{t('wizard.demo.switch')}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0' }}>
                {existing
                  ? t('wizard.demo.exists', { name: existing.name })
                  : running
                    ? t('wizard.demo.switchText')
                    : t('wizard.demo.unavailable')}
              </Typography.Paragraph>
            </div>
            <Switch
              checked={wanted || existing !== undefined}
              disabled={!running || existing !== undefined}
              onChange={setWanted}
              data-testid="demo-shop-switch"
            />
          </div>
          {wanted && !existing && (
            <Space.Compact style={{ marginTop: 12, width: '100%' }}>
              <Space.Addon>{t('demoShop.nameLabel')}</Space.Addon>
              <Input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} data-testid="demo-shop-name" />
            </Space.Compact>
          )}
        </div>
      )}
      {sandbox.error !== undefined && <Alert type="error" showIcon title={errorText(sandbox.error)} style={{ marginTop: 16 }} />}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} data-testid="wizard-error" />}
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 24 }}>
        <Button type="primary" size="large" loading={busy} onClick={() => void next()} data-testid="wizard-next">
          {wanted && !existing ? t('wizard.demo.openAndNext') : t('wizard.next')}
        </Button>
      </div>
    </div>
  );
}
