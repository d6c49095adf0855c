import { Tag, Tooltip } from 'antd';
import type { ProductStock } from '../../../../../src-shared/contract/methods/products.js';
import { useT } from '../../../i18n/index.js';

/** The two warnings a product can carry: below its low-stock line, keys about to expire. */
export function StockTags(props: { product: ProductStock }) {
  const t = useT();
  const { product } = props;
  return (
    <>
      {product.lowStock && (
        <Tooltip title={t('inventory.lowStock.tip', { threshold: product.lowStockThreshold })}>
          <Tag color="red" data-testid="low-stock-tag">
            {t('inventory.lowStock')}
          </Tag>
        </Tooltip>
      )}
      {product.expiringSoon > 0 && (
        <Tooltip title={t('inventory.expiringSoon.tip')}>
          <Tag color="orange" data-testid="expiring-tag">
            {t('inventory.expiringSoon', { count: product.expiringSoon })}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
