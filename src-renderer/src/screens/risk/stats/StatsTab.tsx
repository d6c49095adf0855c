import { Alert, Button, Card, Col, Empty, Flex, Row, Segmented, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { DayBars, fillDays } from '../DayBars.js';
import { ACTION_COLOR, ACTIONS, type RuleStats } from '../labels.js';
import { useNow, useRiskChanged } from '../useRiskEvents.js';

/**
 * 统计: how many lines were screened and what the rules did with them over 7 or 30 days, the holds
 * still open, and per rule how often it matched and how often it decided (observe-only rules match
 * without deciding).
 */
export function StatsTab() {
  const t = useT();
  const errorText = useErrorText();
  const [days, setDays] = useState<7 | 30>(7);
  const stats = useCall('risk.stats', { days });
  useRiskChanged(stats.reload);
  const data = stats.data;
  const byAction = data?.byAction ?? {};
  const now = useNow(60_000);
  const dayRange = fillDays([], days, now);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Segmented<7 | 30>
          value={days}
          onChange={setDays}
          options={[
            { value: 7, label: <span data-testid="stats-days-7">{t('risk.stats.days', { n: 7 })}</span> },
            { value: 30, label: <span data-testid="stats-days-30">{t('risk.stats.days', { n: 30 })}</span> },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('risk.stats.explain')}
        </Typography.Text>
      </Flex>
      {stats.error !== undefined && (
        <Alert type="error" showIcon title={errorText(stats.error)} action={<Button size="small" onClick={stats.reload}>{t('common.retry')}</Button>} data-testid="stats-error" />
      )}
      <Row gutter={[12, 12]}>
        <Col flex="1 1 150px">
          <Card size="small">
            <Statistic title={t('risk.stats.screened')} value={data?.screened ?? '—'} loading={!data && stats.loading} data-testid="stats-screened" />
          </Card>
        </Col>
        <Col flex="1 1 150px">
          <Card size="small">
            <Statistic title={t('risk.stats.openHolds')} value={data?.openHolds ?? '—'} loading={!data && stats.loading} styles={{ content: { color: (data?.openHolds ?? 0) > 0 ? '#d46b08' : undefined } }} data-testid="stats-open" />
          </Card>
        </Col>
        {ACTIONS.map((a) => (
          <Col key={a} flex="1 1 120px">
            <Card size="small">
              <Statistic title={<Tag color={ACTION_COLOR[a]}>{t(`risk.action.${a}`)}</Tag>} value={byAction[a] ?? 0} loading={!data && stats.loading} data-testid={`stats-action-${a}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Table<RuleStats>
        data-testid="stats-table"
        size="middle"
        rowKey="ruleId"
        dataSource={data?.rules ?? []}
        loading={stats.loading && !data}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.stats.none')} /> }}
        columns={[
          { title: t('risk.col.rule'), key: 'name', render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
          {
            title: t('risk.col.ruleAction'),
            key: 'action',
            width: 170,
            render: (_, r) => (
              <Flex gap={4} wrap>
                <Tag color={ACTION_COLOR[r.action]}>{t(`risk.action.${r.action}`)}</Tag>
                {r.mode === 'observe' && <Tag color="purple">{t('risk.mode.observe')}</Tag>}
              </Flex>
            ),
          },
          { title: t('risk.stats.hits'), key: 'hits', width: 90, align: 'right', render: (_, r) => <span data-testid="stats-rule-hits">{r.hits.toLocaleString('zh-CN')}</span> },
          { title: <Tooltip title={t('risk.stats.decidedHelp')}>{t('risk.stats.decided')}</Tooltip>, key: 'decided', width: 90, align: 'right', render: (_, r) => r.decided.toLocaleString('zh-CN') },
          {
            title: t('risk.stats.perDayRange', { from: dayRange[0]?.day.slice(5) ?? '', to: dayRange[dayRange.length - 1]?.day.slice(5) ?? '' }),
            key: 'byDay',
            width: 260,
            render: (_, r) => <DayBars height={28} axis={false} days={fillDays(r.byDay.map((d) => ({ day: d.day, value: d.hits })), days, now)} label={(day, n) => t('risk.stats.dayTip', { day, n })} />,
          },
        ]}
      />
    </Flex>
  );
}
