import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { AlertEntry } from '../../../../../src-shared/contract/methods/alerts.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { KIND_COLOR, STATUS_COLOR, kindLabel } from './labels.js';

/** 最近的提醒: what was raised, whether and how it went out, and what each bot (and the desktop) answered. */
export function RecentAlerts(props: { entries: AlertEntry[] | undefined; loading: boolean }) {
  const t = useT();
  return (
    <Table<AlertEntry>
      data-testid="alerts-recent"
      size="small"
      rowKey="id"
      loading={props.loading && !props.entries}
      dataSource={props.entries ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 980 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.recent.empty')} /> }}
      columns={[
        { title: t('alerts.recent.col.time'), dataIndex: 'createdAt', width: 170, render: (v: number) => formatTime(v) },
        {
          title: t('alerts.recent.col.kind'),
          dataIndex: 'kind',
          width: 130,
          render: (_, e) => <Tag color={KIND_COLOR[e.kind]}>{t(kindLabel(e.kind))}</Tag>,
        },
        {
          title: t('alerts.recent.col.message'),
          dataIndex: 'message',
          render: (v: string, e) => (
            <Typography.Text type={e.level === 'error' ? 'danger' : undefined} data-testid="alerts-recent-message">
              {v}
            </Typography.Text>
          ),
        },
        {
          title: t('alerts.recent.col.result'),
          key: 'result',
          width: 330,
          render: (_, e) => (
            <Space orientation="vertical" size={2} data-testid="alerts-recent-result">
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[e.status]}>{t(`alerts.recent.status.${e.status}`)}</Tag>
                {e.groupSize > 1 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('alerts.recent.grouped', { count: e.groupSize })}</Typography.Text>}
              </Space>
              {e.outcomes.map((o) => (
                <Tooltip key={`${o.channelId ?? 'desktop'}`} title={`${formatTime(o.at)} · ${o.message}`}>
                  <Typography.Text style={{ fontSize: 12 }} type={o.ok ? undefined : 'danger'} data-testid="alerts-recent-outcome">
                    {o.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled />} {o.name}
                    {o.retried && `（${t('alerts.recent.retried')}）`}
                    {!o.ok && `：${o.message}`}
                  </Typography.Text>
                </Tooltip>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
