import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { formatTime } from '../../../../src-shared/format.js';
import { OpenDemoShopForm } from '../../components/OpenDemoShopForm.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { useSandbox } from '../../shell/SandboxContext.js';

/** The simulated platforms: whether they run, which ones, and the demo shop. */
export function SandboxSection() {
  const t = useT();
  const errorText = useErrorText();
  const { status, error } = useSandbox();

  if (error !== undefined && !status) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!status) return null;
  if (!status.running) {
    return <Alert type="info" showIcon title={t('sandbox.off')} description={t('sandbox.offHow')} data-testid="sandbox-off" />;
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 760 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('sandbox.explain')}
      </Typography.Paragraph>
      <Descriptions
        column={1}
        bordered
        size="middle"
        styles={{ label: { width: 180 } }}
        items={[
          { key: 'state', label: t('sandbox.state'), children: <Tag color="purple">{t('sandbox.running')}</Tag> },
          ...(status.url ? [{ key: 'url', label: t('sandbox.url'), children: <Typography.Text copyable>{status.url}</Typography.Text> }] : []),
          {
            key: 'simulators',
            label: t('sandbox.simulators'),
            children:
              status.simulators.length === 0 ? (
                '—'
              ) : (
                <Space wrap size={[6, 6]}>
                  {status.simulators.map((s) => (
                    <Tag key={s.name} title={s.name}>
                      {s.title}
                    </Tag>
                  ))}
                </Space>
              ),
          },
          {
            key: 'demo',
            label: t('demoShop.title'),
            children: status.demoShop ? (
              <span data-testid="sandbox-demo-shop">
                {status.demoShop.name}
                <Typography.Text type="secondary">
                  {' · '}
                  {t('demoShop.createdAt')} {formatTime(status.demoShop.createdAt)}
                  {t('common.beijingTime')}
                </Typography.Text>
              </span>
            ) : (
              t('sandbox.noDemoShop')
            ),
          },
        ]}
      />
      {!status.demoShop && (
        <div>
          <Typography.Paragraph>{t('demoShop.offer')}</Typography.Paragraph>
          <OpenDemoShopForm />
        </div>
      )}
    </Space>
  );
}
