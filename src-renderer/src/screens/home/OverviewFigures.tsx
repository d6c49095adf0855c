import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import type { ProductStock } from '../../../../src-shared/contract/methods/products.js';
import { formatDate } from '../../../../src-shared/format.js';
import { useT } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';

/**
 * The headline numbers there are today: the stock. Orders, revenue and profit need a connected shop;
 * until then they are named, not shown as zeros that read like "nothing sold".
 */
export function OverviewFigures(props: { products: ProductStock[] | undefined; navigate(screen: ScreenId, section?: string): void }) {
  const t = useT();
  // The day this screen was opened on; the workbench is reopened far more often than midnight passes.
  const [openedAt] = useState(() => Date.now());
  const list = props.products;
  const stocked = list?.filter((p) => p.type !== 'direct') ?? [];
  const figures = [
    { key: 'products', title: t('home.figures.products'), value: list?.length ?? 0 },
    { key: 'available', title: t('home.figures.available'), value: stocked.reduce((n, p) => n + p.stock.available, 0) },
    { key: 'lowStock', title: t('home.figures.lowStock'), value: stocked.filter((p) => p.lowStock).length, warn: 'red' },
    { key: 'expiring', title: t('home.figures.expiring'), value: stocked.reduce((n, p) => n + p.expiringSoon, 0), warn: 'orange' },
  ];
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('home.welcome')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.today.caption', { date: formatDate(openedAt) })}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} lg={6}>
            <Card variant="borderless" data-testid={`home-${f.key}`} hoverable onClick={() => props.navigate('inventory')} style={{ cursor: 'pointer' }}>
              <Statistic
                title={f.title}
                value={f.value}
                loading={list === undefined}
                groupSeparator=","
                styles={{ content: { color: f.warn && f.value > 0 ? (f.warn === 'red' ? '#cf1322' : '#d46b08') : undefined } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }} data-testid="home-orders-later">
        {t('home.figures.ordersLater')}
      </Typography.Paragraph>
    </>
  );
}
