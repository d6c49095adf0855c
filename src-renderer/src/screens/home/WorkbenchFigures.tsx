import { Card, Skeleton, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { PeriodFigures, Workbench } from '../../../../src-shared/contract/index.js';
import { formatFen } from '../../../../src-shared/format.js';
import { useT, type Translate } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';
import { durationText } from './duration.js';

type FigureKey = 'orders' | 'revenue' | 'profit' | 'successRate' | 'delivery';

interface Figure {
  key: FigureKey;
  value(f: PeriodFigures): string;
  hint(f: PeriodFigures): string;
  /** Where a click takes the owner. */
  to: [ScreenId, string?];
}

/** Rounded down in whole integers (no 0.57 × 1000 = 569.99…), so 「100%」 means every line went out, not 99.96 % of them. */
const percent = (f: PeriodFigures) => `${(Math.floor((f.delivered * 1000) / f.due) / 10).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;

function figures(t: Translate): Figure[] {
  const none = t('workbench.none');
  return [
    { key: 'orders', value: (f) => f.orders.toLocaleString('zh-CN'), hint: () => t('workbench.figure.orders.hint'), to: ['orders'] },
    { key: 'revenue', value: (f) => formatFen(f.revenueFen), hint: () => t('workbench.figure.revenue.hint'), to: ['reports', 'profit'] },
    { key: 'profit', value: (f) => formatFen(f.profitFen), hint: () => t('workbench.figure.profit.hint'), to: ['reports', 'profit'] },
    {
      key: 'successRate',
      value: (f) => (f.successRate === null ? none : percent(f)),
      hint: (f) => (f.due === 0 ? t('workbench.figure.successRate.hintNone') : t('workbench.figure.successRate.hint', { delivered: f.delivered, due: f.due })),
      to: ['orders'],
    },
    {
      key: 'delivery',
      value: (f) => {
        if (f.medianDeliveryMs === null) return none;
        const { key, vars } = durationText(f.medianDeliveryMs);
        return t(key, vars);
      },
      hint: () => t('workbench.figure.delivery.hint'),
      to: ['orders'],
    },
  ];
}

/** 「本周 ¥59.70」; with nothing to show, words rather than 「本周 —」 (which reads as 本周一, Monday). */
function weekLine(t: Translate, value: string): string {
  return value === t('workbench.none') ? t('workbench.weekNone') : t('workbench.weekValue', { value });
}

/**
 * 今日概况: today's orders, revenue, gross profit, delivery success and median delivery time, each with
 * this week's under it. A day without orders reads 0 and 「—」, never an error.
 */
export function WorkbenchFigures(props: { workbench: Workbench | undefined; error: ReactNode; navigate(screen: ScreenId, section?: string): void }) {
  const t = useT();
  const wb = props.workbench;
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('workbench.title')}
        </Typography.Title>
        {wb && (
          <Typography.Text type="secondary" data-testid="home-date">
            {t('workbench.date', { date: wb.today.from })}
          </Typography.Text>
        )}
        {wb && wb.pending > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workbench.pending', { count: wb.pending.toLocaleString('zh-CN') })}
          </Typography.Text>
        )}
      </div>
      {props.error}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(190px, 1fr))', gap: 16 }}>
        {figures(t).map((f) => (
          <Tooltip key={f.key} title={wb ? f.hint(wb.today.figures) : undefined} placement="bottom" mouseEnterDelay={0.4}>
            <Card
              variant="borderless"
              hoverable
              size="small"
              onClick={() => props.navigate(...f.to)}
              style={{ cursor: 'pointer' }}
              styles={{ body: { padding: '14px 18px' } }}
              data-testid={`home-figure-${f.key}`}
            >
              <Typography.Text type="secondary">{t(`workbench.figure.${f.key}`)}</Typography.Text>
              {wb ? (
                <>
                  <div data-testid="today" style={{ fontSize: 26, lineHeight: '36px', fontWeight: 500, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {f.value(wb.today.figures)}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="week">
                    {weekLine(t, f.value(wb.week.figures))}
                  </Typography.Text>
                </>
              ) : (
                <Skeleton active title={false} paragraph={{ rows: 2, width: ['60%', '40%'] }} style={{ marginTop: 8 }} />
              )}
            </Card>
          </Tooltip>
        ))}
      </div>
    </>
  );
}
