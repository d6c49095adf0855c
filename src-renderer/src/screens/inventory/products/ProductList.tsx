import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import type { ProductStock } from '../../../../../src-shared/contract/methods/products.js';
import { formatFen } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { keyStatuses, productTypeLabel } from '../labels.js';
import { StockTags } from './StockTags.js';

/** The product column: one card per product with what matters before restocking. */
export function ProductList(props: { products: ProductStock[]; selectedId: number | undefined; onSelect(id: number): void; onNew(): void }) {
  const t = useT();
  return (
    <Flex vertical gap={10} data-testid="product-list">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('inventory.products.count', { count: props.products.length })}</Typography.Text>
        <Button icon={<PlusOutlined />} onClick={props.onNew} data-testid="product-new">
          {t('inventory.product.new')}
        </Button>
      </Flex>
      {props.products.map((p) => (
        <ProductCard key={p.id} product={p} selected={p.id === props.selectedId} onSelect={() => props.onSelect(p.id)} />
      ))}
    </Flex>
  );
}

function ProductCard(props: { product: ProductStock; selected: boolean; onSelect(): void }) {
  const t = useT();
  const { product } = props;
  const others = keyStatuses.filter((s) => s.status !== 'available' && product.stock[s.status] > 0);
  return (
    <Card
      size="small"
      hoverable
      onClick={props.onSelect}
      data-testid={`product-card-${product.code}`}
      aria-current={props.selected}
      style={{ borderColor: props.selected ? '#1f5eff' : undefined, boxShadow: props.selected ? '0 0 0 1px #1f5eff' : undefined, cursor: 'pointer' }}
    >
      <Flex justify="space-between" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: product.name }} style={{ display: 'block' }}>
            {product.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {product.code}
            {product.type !== 'card' && (
              <Tag style={{ marginInlineStart: 6 }}>{t(productTypeLabel[product.type])}</Tag>
            )}
          </Typography.Text>
        </div>
        {product.type !== 'direct' && (
          <div style={{ textAlign: 'right', flex: 'none' }}>
            <div style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.2, color: product.lowStock ? '#cf1322' : undefined }} data-testid="product-available">
              {product.stock.available.toLocaleString('zh-CN')}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inventory.status.available')}
            </Typography.Text>
          </div>
        )}
      </Flex>
      <Flex wrap gap={4} align="center" style={{ marginTop: 6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
          {t('inventory.product.priceShort', { price: formatFen(product.priceFen) })}
          {product.faceValueFen !== null && ` · ${t('inventory.product.faceShort', { face: formatFen(product.faceValueFen) })}`}
        </Typography.Text>
        <StockTags product={product} />
      </Flex>
      {others.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {others.map((s) => `${t(s.label)} ${product.stock[s.status]}`).join(' · ')}
        </Typography.Text>
      )}
    </Card>
  );
}
