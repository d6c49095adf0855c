import { Card, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { EChart, type ChartOption } from '../../components/EChart.js';
import { useT } from '../../i18n/index.js';

/**
 * A titled chart, or the words for why there is none: still loading (the previous chart stays under a
 * spinner, so a filter change does not make the page jump), or nothing sold in the range.
 */
export function ChartCard(props: { title: ReactNode; extra?: ReactNode; option: ChartOption | null; loading: boolean; height: number; testId: string; empty?: string }) {
  const t = useT();
  return (
    <Card size="small" title={props.title} extra={props.extra} styles={{ body: { padding: '8px 12px' } }}>
      <Spin spinning={props.loading}>
        {props.option ? (
          <EChart option={props.option} height={props.height} testId={props.testId} />
        ) : (
          <div data-testid={`${props.testId}-empty`} style={{ height: props.height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            {!props.loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty ?? t('reports.noSales')} />}
          </div>
        )}
      </Spin>
    </Card>
  );
}
