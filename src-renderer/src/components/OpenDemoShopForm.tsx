import { ExperimentOutlined } from '@ant-design/icons';
import { App, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { call } from '../api/index.js';
import { useErrorText, useT } from '../i18n/index.js';
import { useSandbox } from '../shell/SandboxContext.js';

/** Name the demo shop and open it on the simulated platform. Only rendered while the sandbox runs. */
export function OpenDemoShopForm() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { setStatus } = useSandbox();
  const [name, setName] = useState(() => t('demoShop.defaultName'));
  const [busy, setBusy] = useState(false);

  const open = async () => {
    setBusy(true);
    try {
      setStatus(await call('sandbox.openDemoShop', { name: name.trim() || t('demoShop.defaultName') }));
      message.success(t('demoShop.opened'));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
      <Input
        value={name}
        maxLength={40}
        onChange={(e) => setName(e.target.value)}
        aria-label={t('demoShop.nameLabel')}
        data-testid="demo-shop-name"
      />
      <Button type="primary" icon={<ExperimentOutlined />} loading={busy} onClick={() => void open()} data-testid="demo-shop-open">
        {t('demoShop.open')}
      </Button>
    </Space.Compact>
  );
}
