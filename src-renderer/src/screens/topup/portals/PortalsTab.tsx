import { CheckOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { PortalAccountView } from '../../../../../src-shared/contract/methods/topup.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useOrdersChanged } from '../../orders/useOrderEvents.js';
import { isPortalKind, PORTAL_STATUS_COLOR } from '../labels.js';
import { NeedsHumanAlert } from './NeedsHumanAlert.js';
import { PortalFormModal } from './PortalFormModal.js';
import { usePortalActions } from './usePortalActions.js';

/**
 * 充值网站账号: the membership-site logins the RPA tops up with. An account that hit a captcha or a login
 * is shown first, with the orders it holds and the two steps to get them going again.
 */
export function PortalsTab() {
  const t = useT();
  const errorText = useErrorText();
  const portals = useCall('portals.list', {});
  // A paused top-up moves its order line: the waiting counts follow the lines.
  useOrdersChanged(portals.reload);
  const actions = usePortalActions(portals.reload);
  const [adding, setAdding] = useState(false);
  const stuck = (portals.data ?? []).filter((p) => p.status === 'needs_human');

  const columns: ColumnsType<PortalAccountView> = [
    {
      title: t('topup.portal.col.name'),
      dataIndex: 'name',
      width: 180,
      render: (v: string) => (
        <Typography.Text strong data-testid="portal-name-cell">
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('topup.portal.col.site'),
      key: 'site',
      width: 220,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <span>{isPortalKind(p.portal) ? t(`topup.portal.kind.${p.portal}`) : p.portal}</span>
          <Typography.Text type="secondary" ellipsis={{ tooltip: p.baseUrl }} style={{ fontSize: 12, maxWidth: 200 }}>
            {p.baseUrl}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('topup.portal.col.username'), dataIndex: 'username', width: 150 },
    {
      title: t('topup.portal.col.status'),
      dataIndex: 'status',
      width: 130,
      render: (_, p) => (
        <Tag color={PORTAL_STATUS_COLOR[p.status]} data-testid="portal-status">
          {t(`topup.portal.status.${p.status}`)}
        </Tag>
      ),
    },
    {
      title: t('topup.portal.col.waiting'),
      dataIndex: 'waiting',
      width: 90,
      align: 'right',
      render: (v: number) => <span data-testid="portal-waiting">{v.toLocaleString('zh-CN')}</span>,
    },
    {
      title: t('topup.portal.col.lastError'),
      dataIndex: 'lastError',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 240 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('topup.col.actions'),
      key: 'actions',
      width: 230,
      render: (_, p) =>
        p.status === 'needs_human' ? (
          <Space size={[4, 0]} wrap>
            <Button size="small" type="link" icon={<ExportOutlined />} loading={actions.busy[p.id] === 'takeOver'} onClick={() => void actions.takeOver(p)}>
              {t('topup.portal.takeOver')}
            </Button>
            <Button size="small" type="link" icon={<CheckOutlined />} loading={actions.busy[p.id] === 'resume'} onClick={() => void actions.resume(p)}>
              {t('topup.portal.resume')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 760 }}>
          {t('topup.portal.explain')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="portal-add">
          {t('topup.portal.add')}
        </Button>
      </Flex>
      {stuck.map((p) => (
        <NeedsHumanAlert key={p.id} account={p} busy={actions.busy[p.id]} onTakeOver={() => void actions.takeOver(p)} onResume={() => void actions.resume(p)} />
      ))}
      {portals.error !== undefined && (
        <Alert type="error" showIcon title={errorText(portals.error)} action={<Button size="small" onClick={portals.reload}>{t('common.retry')}</Button>} />
      )}
      <Table<PortalAccountView>
        data-testid="portals-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={portals.data ?? []}
        loading={portals.loading && !portals.data}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('topup.portal.empty')} /> }}
      />
      {adding && (
        <PortalFormModal
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            portals.reload();
          }}
        />
      )}
    </Flex>
  );
}
