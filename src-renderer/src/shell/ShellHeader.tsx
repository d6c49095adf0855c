import { ExperimentOutlined, LockOutlined } from '@ant-design/icons';
import { App, Button, Layout, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../api/index.js';
import { useVault } from '../app/VaultContext.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useErrorText, useT } from '../i18n/index.js';
import { useSandbox } from './SandboxContext.js';

/** The current screen's title, whether this is the sandbox, the language, and the lock. */
export function ShellHeader(props: { title: string }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { setStatus } = useVault();
  const sandbox = useSandbox().status;
  const [locking, setLocking] = useState(false);

  const lock = async () => {
    setLocking(true);
    try {
      setStatus(await call('vault.lock', {}));
    } catch (err) {
      message.error(errorText(err));
      setLocking(false);
    }
  };

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 16,
        borderBottom: '1px solid #edf0f5',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="screen-title">
        {props.title}
      </Typography.Title>
      <Space size="middle">
        {sandbox?.running && (
          <Tooltip title={t('shell.sandboxTip')}>
            <Tag color="purple" icon={<ExperimentOutlined />} data-testid="sandbox-badge" style={{ marginInlineEnd: 0 }}>
              {t('shell.sandboxBadge')}
            </Tag>
          </Tooltip>
        )}
        <LanguageSwitch />
        <Button icon={<LockOutlined />} loading={locking} onClick={() => void lock()} data-testid="lock-button">
          {t('shell.lock')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
