import { DisconnectOutlined, KeyOutlined } from '@ant-design/icons';
import { Button, Card, Result, Spin, Typography } from 'antd';
import { CenteredLayout } from '../components/CenteredLayout.js';
import { useErrorText, useT } from '../i18n/index.js';

const cardStyle = { boxShadow: '0 12px 40px rgba(15, 26, 51, 0.08)' };

/** While the first answer from the core is on its way. */
export function LoadingScreen() {
  const t = useT();
  return (
    <CenteredLayout width={420}>
      <div style={{ textAlign: 'center', paddingTop: '12vh' }} data-testid="app-loading">
        <Spin size="large" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {t('startup.loading')}
        </Typography.Paragraph>
      </div>
    </CenteredLayout>
  );
}

/** The core did not answer (server stopped, wrong port) or answered something unexpected. */
export function UnreachableScreen(props: { error: unknown; onRetry(): void }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <CenteredLayout width={560}>
      <Card variant="borderless" style={cardStyle} data-testid="app-unreachable">
        <Result
          icon={<DisconnectOutlined style={{ color: '#ff4d4f' }} />}
          title={t('startup.unreachable.title')}
          subTitle={errorText(props.error)}
          extra={
            <Button type="primary" onClick={props.onRetry} data-testid="app-retry">
              {t('common.retry')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('startup.unreachable.help')}
          </Typography.Paragraph>
        </Result>
      </Card>
    </CenteredLayout>
  );
}

/**
 * Opened without `?token=` (or with a token from an earlier launch). The terminal that started
 * `keydesk serve` has the right address.
 */
export function NoTokenScreen(props: { refused: boolean }) {
  const t = useT();
  return (
    <CenteredLayout width={720}>
      <Card variant="borderless" style={cardStyle} data-testid="app-no-token">
        <Result
          icon={<KeyOutlined style={{ color: '#faad14' }} />}
          title={t('startup.noToken.title')}
          subTitle={props.refused ? t('startup.noToken.refused') : t('startup.noToken.missing')}
        >
          <Typography.Paragraph type="secondary">{t('startup.noToken.example')}</Typography.Paragraph>
          <Typography.Paragraph
            code
            style={{ fontSize: 13, marginBottom: 0, wordBreak: 'break-all' }}
          >
            KeyDesk listening on http://127.0.0.1:PORT/?token=…
          </Typography.Paragraph>
        </Result>
      </Card>
    </CenteredLayout>
  );
}
