import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { formatDate, formatFen } from '../../../../src-shared/format.js';
import { useT } from '../../i18n/index.js';

/**
 * Today's headline numbers (Beijing day). Zero until the orders and reports services exist; the
 * success rate is a dash, not 0 %, because nothing has been sent yet.
 */
export function TodayFigures() {
  const t = useT();
  // The day this screen was opened on; the workbench is reopened far more often than midnight passes.
  const [openedAt] = useState(() => Date.now());
  const figures = [
    { key: 'orders', title: t('home.today.orders'), value: '0' },
    { key: 'revenue', title: t('home.today.revenue'), value: formatFen(0) },
    { key: 'profit', title: t('home.today.profit'), value: formatFen(0) },
    { key: 'successRate', title: t('home.today.successRate'), value: '—' },
  ];
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('home.welcome')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.today.caption', { date: formatDate(openedAt) })}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} lg={6}>
            <Card variant="borderless" data-testid={`today-${f.key}`}>
              <Statistic title={f.title} value={f.value} />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
