import { AlertOutlined, CheckCircleTwoTone, CustomerServiceOutlined, DisconnectOutlined, InboxOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Flex, Skeleton, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { Workbench } from '../../../../src-shared/contract/index.js';
import { useT } from '../../i18n/index.js';
import type { ScreenId } from '../../shell/screens.js';

type ProblemKey = keyof Workbench['problems'];

const ICONS: Record<ProblemKey, ReactNode> = {
  afterSales: <CustomerServiceOutlined />,
  riskHolds: <AlertOutlined />,
  outOfStock: <InboxOutlined />,
  failedSyncs: <DisconnectOutlined />,
};

const ORDER: ProblemKey[] = ['afterSales', 'riskHolds', 'outOfStock', 'failedSyncs'];

/**
 * 待处理: what waits for the owner, each linking to the screen where it is fixed. `syncTarget` is where
 * 同步失败 leads (店铺 when a shop is failing, else the inventory's cloud sheets).
 */
export function ProblemsCard(props: {
  problems: Workbench['problems'] | undefined;
  syncTarget: [ScreenId, string?];
  navigate(screen: ScreenId, section?: string): void;
}) {
  const t = useT();
  const p = props.problems;
  const target: Record<ProblemKey, [ScreenId, string?]> = {
    afterSales: ['aftersales', 'queue'],
    riskHolds: ['risk', 'queue'],
    outOfStock: ['orders', 'out_of_stock'],
    failedSyncs: props.syncTarget,
  };
  const allDone = p !== undefined && ORDER.every((k) => p[k] === 0);
  return (
    <Card variant="borderless" title={t('workbench.problems.title')} data-testid="home-problems" styles={{ body: { padding: allDone ? 24 : '8px 12px' } }}>
      {!p ? (
        <Skeleton active title={false} paragraph={{ rows: 4 }} />
      ) : allDone ? (
        <Flex align="center" gap={14} data-testid="home-problems-done">
          <CheckCircleTwoTone twoToneColor="#52c41a" style={{ fontSize: 32 }} />
          <div>
            <Typography.Text strong style={{ fontSize: 15 }}>
              {t('workbench.problems.allDone')}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">{t('workbench.problems.allDone.hint')}</Typography.Text>
            </div>
          </div>
        </Flex>
      ) : (
        <Flex vertical>
          {ORDER.map((k) => (
            <ProblemRow key={k} kind={k} count={p[k]} icon={ICONS[k]} onOpen={() => props.navigate(...target[k])} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function ProblemRow(props: { kind: ProblemKey; count: number; icon: ReactNode; onOpen(): void }) {
  const t = useT();
  const { kind, count } = props;
  const on = count > 0;
  const [hover, setHover] = useState(false);
  return (
    <Flex
      align="center"
      gap={12}
      role="link"
      tabIndex={0}
      onClick={props.onOpen}
      onKeyDown={(e) => e.key === 'Enter' && props.onOpen()}
      data-testid={`home-problem-${kind}`}
      data-count={count}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      style={{ padding: '10px 12px', borderRadius: 8, cursor: 'pointer', background: hover ? '#f5f7fb' : undefined, transition: 'background 0.2s' }}
    >
      <span style={{ fontSize: 18, color: on ? '#cf1322' : '#8c8c8c', width: 20, textAlign: 'center' }}>{props.icon}</span>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div>{t(`workbench.problems.${kind}`)}</div>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          {t(`workbench.problems.${kind}.hint`)}
        </Typography.Text>
      </div>
      <span
        data-testid="count"
        style={{ fontSize: 20, fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: on ? '#cf1322' : '#bfbfbf', minWidth: 28, textAlign: 'right' }}
      >
        {count.toLocaleString('zh-CN')}
      </span>
      <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
    </Flex>
  );
}
