import { WarningOutlined } from '@ant-design/icons';
import { Card, Divider, Flex, Tag, Typography } from 'antd';
import type { ProductStock } from '../../../../src-shared/contract/methods/products.js';
import { useT } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';

/**
 * 库存: the stock in four numbers, then the products to restock or to sell first (below their low-stock
 * line, or with keys expiring this week), each opening its product.
 */
export function StockAlerts(props: { products: ProductStock[]; navigate(screen: ScreenId, section?: string): void }) {
  const t = useT();
  const stocked = props.products.filter((p) => p.type !== 'direct');
  const flagged = stocked.filter((p) => p.lowStock || p.expiringSoon > 0);
  const figures = [
    { key: 'products', title: t('workbench.stock.products'), value: props.products.length },
    { key: 'available', title: t('workbench.stock.available'), value: stocked.reduce((n, p) => n + p.stock.available, 0) },
    { key: 'lowStock', title: t('workbench.stock.lowStock'), value: flagged.filter((p) => p.lowStock).length, warn: '#cf1322' },
    { key: 'expiring', title: t('workbench.stock.expiring'), value: stocked.reduce((n, p) => n + p.expiringSoon, 0), warn: '#d46b08' },
  ];
  return (
    <Card
      variant="borderless"
      data-testid="home-stock-alerts"
      title={
        <span>
          {flagged.length > 0 && <WarningOutlined style={{ color: '#d46b08', marginRight: 8 }} />}
          {t(flagged.length > 0 ? 'home.alerts.title' : 'workbench.stock.title')}
        </span>
      }
      extra={<Typography.Link onClick={() => props.navigate('inventory')}>{t('home.start.inventory.link')}</Typography.Link>}
    >
      <Flex justify="space-between" gap={8}>
        {figures.map((f) => (
          <div key={f.key} data-testid={`home-${f.key}`} style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {f.title}
            </Typography.Text>
            <div style={{ fontSize: 20, fontWeight: 500, fontVariantNumeric: 'tabular-nums', color: f.warn && f.value > 0 ? f.warn : undefined }}>
              {f.value.toLocaleString('zh-CN')}
            </div>
          </div>
        ))}
      </Flex>
      <Divider style={{ margin: '14px 0' }} />
      {flagged.length === 0 ? (
        <Typography.Text type="secondary">{t('workbench.stock.fine')}</Typography.Text>
      ) : (
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
      )}
    </Card>
  );
}
