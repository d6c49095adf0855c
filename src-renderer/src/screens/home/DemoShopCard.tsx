import { ExperimentOutlined } from '@ant-design/icons';
import { Card, Descriptions, Tag, Typography } from 'antd';
import type { SandboxStatus } from '../../../../src-shared/contract/methods/sandbox.js';
import { formatTime } from '../../../../src-shared/format.js';
import { OpenDemoShopForm } from '../../components/OpenDemoShopForm.js';
import { useT } from '../../i18n/index.js';

/** The simulated shop, if one was opened; while the sandbox runs without one, the way to open it. */
export function DemoShopCard(props: { sandbox: SandboxStatus }) {
  const t = useT();
  const shop = props.sandbox.demoShop;
  return (
    <Card
      variant="borderless"
      data-testid="demo-shop-card"
      title={
        <span>
          <ExperimentOutlined style={{ color: '#722ed1', marginRight: 8 }} />
          {t('demoShop.title')}
        </span>
      }
      extra={<Tag color="purple">{t('shell.sandboxBadge')}</Tag>}
    >
      {shop ? (
        <>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'name', label: t('demoShop.name'), children: <Typography.Text strong>{shop.name}</Typography.Text> },
              { key: 'created', label: t('demoShop.createdAt'), children: `${formatTime(shop.createdAt)}${t('common.beijingTime')}` },
              { key: 'id', label: t('demoShop.shopId'), children: <Typography.Text code>{shop.shopId}</Typography.Text> },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('demoShop.explain')}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('demoShop.offer')}</Typography.Paragraph>
          <OpenDemoShopForm />
        </>
      )}
    </Card>
  );
}
