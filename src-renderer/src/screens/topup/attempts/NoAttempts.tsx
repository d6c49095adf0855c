import { ApiOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { ScreenEmpty } from '../../../components/ScreenEmpty.js';
import { useT } from '../../../i18n/index.js';
import { useHashRoute } from '../../../shell/useHashRoute.js';

/** No top-up has run yet: what will appear here, the steps, and the two ways to get a route ready. */
export function NoAttempts() {
  const t = useT();
  const [, navigate] = useHashRoute();
  return (
    <ScreenEmpty
      title={t('topup.empty.title')}
      description={t('topup.empty.description')}
      steps={[
        { title: t('topup.step1.title'), content: t('topup.step1.content') },
        { title: t('topup.step2.title'), content: t('topup.step2.content') },
        { title: t('topup.step3.title'), content: t('topup.step3.content') },
      ]}
      extra={
        <Space wrap data-testid="topup-empty">
          <Button type="primary" icon={<ApiOutlined />} onClick={() => navigate('topup', 'suppliers')}>
            {t('topup.empty.toSuppliers')}
          </Button>
          <Button icon={<GlobalOutlined />} onClick={() => navigate('topup', 'portals')}>
            {t('topup.empty.toPortals')}
          </Button>
        </Space>
      }
    />
  );
}
