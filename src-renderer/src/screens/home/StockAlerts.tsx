import { WarningOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import type { ProductStock } from '../../../../src-shared/contract/methods/products.js';
import { useT } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';

/** Products to restock or to sell first: below their low-stock line, or with keys expiring this week. */
export function StockAlerts(props: { products: ProductStock[]; navigate(screen: ScreenId, section?: string): void }) {
  const t = useT();
  const flagged = props.products.filter((p) => p.type !== 'direct' && (p.lowStock || p.expiringSoon > 0));
  if (flagged.length === 0) return null;
  return (
    <Card
      variant="borderless"
      data-testid="home-stock-alerts"
      title={
        <span>
          <WarningOutlined style={{ color: '#d46b08', marginRight: 8 }} />
          {t('home.alerts.title')}
        </span>
      }
      style={{ marginBottom: 16 }}
    >
      <Flex vertical gap={10}>
        {flagged.map((p) => (
          <Flex key={p.id} justify="space-between" align="center" gap={8} wrap>
            <Typography.Link onClick={() => props.navigate('inventory', String(p.id))} data-testid={`home-alert-${p.code}`}>
              {p.name}
            </Typography.Link>
            <span>
              {p.lowStock && <Tag color="red">{t('home.alerts.low', { available: p.stock.available, threshold: p.lowStockThreshold })}</Tag>}
              {p.expiringSoon > 0 && <Tag color="orange">{t('inventory.expiringSoon', { count: p.expiringSoon })}</Tag>}
            </span>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
