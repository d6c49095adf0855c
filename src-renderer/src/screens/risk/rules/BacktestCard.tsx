import { Alert, Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { BacktestResult } from '../../../../../src-shared/contract/methods/risk.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { DayBars, fillDays } from '../DayBars.js';
import { mono, small } from '../labels.js';
import { useNow } from '../useRiskEvents.js';

type Sample = BacktestResult['samples'][number];

/**
 * 试跑结果: what the rule would have caught over the last N days: how many lines and how much money,
 * how many of those were refunded later (fraud it would have stopped) and how many refunds it missed,
 * per day, and examples.
 */
export function BacktestCard(props: { result: BacktestResult; stale: boolean }) {
  const t = useT();
  const r = props.result;
  const box = useRef<HTMLDivElement>(null);
  const now = useNow(60_000);
  // The owner pressed 试跑 at the bottom of the drawer: bring the answer into sight.
  // (A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.)
  useEffect(() => {
    void box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [r]);
  const figures = [
    { key: 'scanned', title: t('risk.backtest.scanned'), value: r.linesScanned.toLocaleString('zh-CN') },
    { key: 'matched', title: t('risk.backtest.matched'), value: r.matched.toLocaleString('zh-CN'), color: r.matched > 0 ? '#d4380d' : undefined },
    { key: 'amount', title: t('risk.backtest.amount'), value: formatFen(r.matchedAmountFen) },
    { key: 'refunded', title: t('risk.backtest.refunded'), value: r.matchedRefunded.toLocaleString('zh-CN'), color: r.matchedRefunded > 0 ? '#389e0d' : undefined },
    { key: 'missed', title: t('risk.backtest.missed'), value: r.missedRefunded.toLocaleString('zh-CN') },
  ];
  return (
    <div ref={box}>
      <Card
        size="small"
        title={t('risk.backtest.title', { days: r.days })}
        extra={<Typography.Text type="secondary" style={small}>{t('risk.backtest.took', { ms: Math.round(r.ms) })}</Typography.Text>}
        data-testid="backtest-result"
      >
        <Flex vertical gap={12}>
          {props.stale && <Alert type="warning" showIcon title={t('risk.backtest.stale')} data-testid="backtest-stale" />}
          <Typography.Text data-testid="backtest-summary">
            {r.matched === 0
              ? t('risk.backtest.summaryNone', { days: r.days, scanned: r.linesScanned.toLocaleString('zh-CN') })
              : t('risk.backtest.summary', { days: r.days, matched: r.matched, amount: formatFen(r.matchedAmountFen), refunded: r.matchedRefunded })}
          </Typography.Text>
          <Row gutter={[12, 12]}>
            {figures.map((f) => (
              <Col key={f.key} flex="1 1 120px">
                <Statistic title={f.title} value={f.value} styles={{ content: { fontSize: 20, ...(f.color && { color: f.color }) } }} data-testid={`backtest-${f.key}`} />
              </Col>
            ))}
          </Row>
          {r.byDay.length > 0 && (
            <div>
              <Typography.Text type="secondary" style={small}>
                {t('risk.backtest.byDay')}
              </Typography.Text>
              <DayBars days={fillDays(r.byDay.map((d) => ({ day: d.day, value: d.matched })), r.days, now)} color="#fa541c" label={(day, n) => t('risk.backtest.dayTip', { day, n })} testId="backtest-days" />
            </div>
          )}
          {r.samples.length > 0 && (
            <Table<Sample>
              size="small"
              rowKey="lineId"
              dataSource={r.samples}
              pagination={false}
              scroll={{ y: 220 }}
              data-testid="backtest-samples"
              columns={[
                { title: t('risk.col.order'), key: 'order', render: (_, s) => <Typography.Text style={mono}>{s.platformOrderId}</Typography.Text> },
                { title: t('risk.col.shop'), dataIndex: 'shopName', width: 120, ellipsis: true },
                { title: t('risk.subject.buyer'), dataIndex: 'buyerMasked', width: 110, ellipsis: true },
                { title: t('risk.col.amount'), key: 'amount', width: 90, align: 'right', render: (_, s) => formatFen(s.amountFen) },
                { title: t('risk.col.paidAt'), key: 'paidAt', width: 150, render: (_, s) => <span style={small}>{formatTime(s.paidAt)}</span> },
                { title: '', key: 'refunded', width: 70, render: (_, s) => (s.refunded ? <Tag color="volcano">{t('risk.backtest.refundedTag')}</Tag> : null) },
              ]}
            />
          )}
        </Flex>
      </Card>
    </div>
  );
}
