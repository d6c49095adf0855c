import { CloudSyncOutlined, DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { SheetSync } from '../../../../../src-shared/contract/methods/sheet-sync.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import { call, onEvent } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { SyncFormModal } from './SyncFormModal.js';

/** 云端同步: the sheets this product follows, when each was last checked, what it brought, and why it failed. */
export function SyncTab(props: { productId: number }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [syncs, setSyncs] = useState<SheetSync[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<SheetSync | null | undefined>(undefined);

  const refresh = useCallback(() => {
    call('sync.list', { productId: props.productId })
      .then(setSyncs)
      .catch((err: unknown) => message.error(errorText(err)))
      .finally(() => setLoading(false));
  }, [props.productId, message, errorText]);

  useEffect(() => {
    refresh();
    return onEvent((m) => {
      if (m.event === 'sync.updated') refresh();
    }, refresh);
  }, [refresh]);

  const act = (p: Promise<unknown>) => p.then(refresh).catch((err: unknown) => message.error(errorText(err)));

  return (
    <div data-testid="sync-tab">
      <Alert type="info" showIcon icon={<CloudSyncOutlined />} title={t('inventory.sync.intro')} style={{ marginBottom: 16 }} />
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="sync-add">{t('inventory.sync.add')}</Button>
      </Space>
      <Table<SheetSync>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={syncs}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inventory.sync.empty')} /> }}
        columns={[
          {
            title: t('inventory.sync.name'), key: 'name', width: 170,
            render: (_, s) => (
              <div>
                <Typography.Text strong ellipsis style={{ maxWidth: 150 }}>{s.name}</Typography.Text>
                <div style={{ marginTop: 4 }}><SyncStatus sync={s} /></div>
              </div>
            ),
          },
          {
            title: t('inventory.sync.col.source'), key: 'source', width: 210,
            render: (_, s) => (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.kind === 'url' ? t('inventory.sync.kindUrl') : t('inventory.sync.kindFile')}</Typography.Text>
                <div><Typography.Text code ellipsis style={{ maxWidth: 190 }}>{s.locationHint}</Typography.Text></div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inventory.sync.everyN', { n: s.intervalMinutes })} · {formatFen(s.unitCostFen)}</Typography.Text>
              </div>
            ),
          },
          { title: t('inventory.sync.col.lastChecked'), dataIndex: 'lastCheckedAt', width: 150, render: (v: number | null) => (v ? formatTime(v) : <Typography.Text type="secondary">{t('inventory.sync.never')}</Typography.Text>) },
          {
            title: t('inventory.sync.col.lastResult'), key: 'result', width: 160,
            render: (_, s) => (s.lastImported === null ? '—' : t('inventory.sync.result', { imported: s.lastImported, duplicates: s.lastDuplicates ?? 0, invalid: s.lastInvalid ?? 0 })),
          },
          {
            key: 'actions', width: 110,
            render: (_, s) => (
              <Space size={4}>
                <Tooltip title={t('inventory.sync.runNow')}>
                  <Button size="small" icon={<ReloadOutlined />} loading={s.running} onClick={() => void act(call('sync.runNow', { id: s.id }))} data-testid={`sync-run-${s.id}`} />
                </Tooltip>
                <Tooltip title={t('inventory.sync.edit')}><Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} /></Tooltip>
                <Popconfirm title={t('inventory.sync.removeConfirm')} onConfirm={() => act(call('sync.remove', { id: s.id }))}>
                  <Tooltip title={t('inventory.sync.remove')}><Button size="small" danger icon={<DeleteOutlined />} /></Tooltip>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <SyncFormModal productId={props.productId} editing={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)}
        onSaved={() => { setEditing(undefined); refresh(); }} />
    </div>
  );
}

/** Checking now, the last error (full text on hover), enabled or off. */
function SyncStatus(props: { sync: SheetSync }) {
  const t = useT();
  const s = props.sync;
  if (s.running) return <Tag color="processing">{t('inventory.sync.running')}</Tag>;
  if (s.lastError) {
    return (
      <Tooltip title={s.lastError}>
        <Tag color="error" data-testid={`sync-error-${s.id}`} style={{ maxWidth: 150, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'bottom' }}>{s.lastError}</Tag>
      </Tooltip>
    );
  }
  return s.enabled ? <Tag color="success">{t('inventory.sync.ok')}</Tag> : <Tag>{t('inventory.sync.off')}</Tag>;
}
