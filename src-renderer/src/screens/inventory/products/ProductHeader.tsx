import { EditOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ProductStock } from '../../../../../src-shared/contract/methods/products.js';
import { formatFen } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { keyStatuses, productTypeLabel } from '../labels.js';
import { StockTags } from './StockTags.js';

/** The selected product: its prices, stock in every state, and what the owner can do with it. */
export function ProductHeader(props: { product: ProductStock; onEdit(): void; onImport(): void; onArchived(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [archiving, setArchiving] = useState(false);
  const { product } = props;

  const archive = async () => {
    setArchiving(true);
    try {
      await call('products.archive', { id: product.id });
      message.success(t('inventory.product.archived', { name: product.name }));
      props.onArchived();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setArchiving(false);
    }
  };

  return (
    <Card variant="borderless" data-testid="product-header">
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Space size={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="product-title">
              {product.name}
            </Typography.Title>
            <Tag>{t(productTypeLabel[product.type])}</Tag>
            {product.reusable && <Tag color="cyan">{t('inventory.product.reusableTag')}</Tag>}
            <StockTags product={product} />
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('inventory.product.codeLabel', { code: product.code })}
            {' · '}
            {t('inventory.product.priceShort', { price: formatFen(product.priceFen) })}
            {product.faceValueFen !== null && ` · ${t('inventory.product.faceShort', { face: formatFen(product.faceValueFen) })}`}
            {product.type !== 'direct' && ` · ${t('inventory.product.lowStockShort', { threshold: product.lowStockThreshold })}`}
          </Typography.Paragraph>
        </div>
        <Space wrap>
          {product.type === 'card' && (
            <Button type="primary" icon={<UploadOutlined />} onClick={props.onImport} data-testid="import-open">
              {t('inventory.import.open')}
            </Button>
          )}
          <Button icon={<EditOutlined />} onClick={props.onEdit} data-testid="product-edit">
            {t('inventory.product.edit')}
          </Button>
          <Popconfirm
            title={t('inventory.product.archiveTitle', { name: product.name })}
            description={<div style={{ maxWidth: 320 }}>{t('inventory.product.archiveConfirm')}</div>}
            okText={t('inventory.product.archive')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => archive()}
          >
            <Button icon={<InboxOutlined />} loading={archiving} data-testid="product-archive">
              {t('inventory.product.archive')}
            </Button>
          </Popconfirm>
        </Space>
      </Flex>
      {product.type !== 'direct' && (
        <Flex gap={8} wrap style={{ marginTop: 16 }} data-testid="product-stock">
          {keyStatuses.map((s) => (
            <div key={s.status} style={{ flex: '1 1 96px', background: '#f7f9fc', borderRadius: 8, padding: '8px 12px' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(s.label)}
              </Typography.Text>
              <div style={{ fontSize: 20, fontWeight: 600, color: s.status === 'available' && product.lowStock ? '#cf1322' : undefined }} data-testid={`stock-${s.status}`}>
                {product.stock[s.status].toLocaleString('zh-CN')}
              </div>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}
