import { Alert, Descriptions, Skeleton, Typography } from 'antd';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT, type MessageKey } from '../../i18n/index.js';

const hostLabels: Record<'electron' | 'server' | 'cli', MessageKey> = {
  electron: 'about.host.electron',
  server: 'about.host.server',
  cli: 'about.host.cli',
};

/** Version and where the data lives: what a support conversation starts with. */
export function AboutSection() {
  const t = useT();
  const errorText = useErrorText();
  const info = useCall('app.info', {});
  if (info.error !== undefined) return <Alert type="error" showIcon title={errorText(info.error)} />;
  if (!info.data) return <Skeleton active />;
  return (
    <Descriptions
      column={1}
      bordered
      size="middle"
      style={{ maxWidth: 760 }}
      styles={{ label: { width: 180 } }}
      items={[
        { key: 'name', label: t('about.product'), children: `${t('app.name')} KeyDesk` },
        { key: 'version', label: t('about.version'), children: <span data-testid="about-version">{info.data.version}</span> },
        {
          key: 'dataDir',
          label: t('about.dataDir'),
          children: (
            <Typography.Text copyable code data-testid="about-data-dir">
              {info.data.dataDir}
            </Typography.Text>
          ),
        },
        { key: 'host', label: t('about.host'), children: t(hostLabels[info.data.host]) },
        { key: 'sandbox', label: t('about.sandbox'), children: info.data.sandbox ? t('about.sandbox.on') : t('about.sandbox.off') },
      ]}
    />
  );
}
