import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { ImportRecord } from '../../../../../src-shared/contract/methods/imports.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useT } from '../../../i18n/index.js';
import { useInventoryChanged } from '../useInventoryChanged.js';
import { useSaveDownload } from '../useSaveDownload.js';
import { UndoImportModal } from './UndoImportModal.js';

const statusTags: Record<ImportRecord['status'], { color: string; label: 'inventory.imports.status.committed' | 'inventory.imports.status.rejected' | 'inventory.imports.status.undone' }> = {
  committed: { color: 'green', label: 'inventory.imports.status.committed' },
  rejected: { color: 'red', label: 'inventory.imports.status.rejected' },
  undone: { color: 'default', label: 'inventory.imports.status.undone' },
};

/** 导入记录: every import of this product, its counts, its problem list, and undo while possible. */
export function ImportHistoryTab(props: { productId: number }) {
  const t = useT();
  const history = useCall('inventory.imports', { productId: props.productId, limit: 200 });
  useInventoryChanged(history.reload, props.productId);
  const save = useSaveDownload();
  const [undoing, setUndoing] = useState<ImportRecord>();
  const count = (n: number, danger = false) => (n > 0 ? <Typography.Text type={danger ? 'danger' : 'warning'}>{n.toLocaleString('zh-CN')}</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>);

  return (
    <>
      <Table<ImportRecord>
        data-testid="imports-table"
        size="small"
        rowKey="id"
        loading={history.loading}
        dataSource={history.data ?? []}
        pagination={(history.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('inventory.imports.empty') }}
        columns={[
          { title: t('inventory.imports.col.file'), dataIndex: 'fileName', ellipsis: { showTitle: true }, width: 150 },
          { title: t('inventory.imports.col.time'), dataIndex: 'finishedAt', width: 150, render: (v: number) => formatTime(v) },
          { title: t('inventory.imports.col.imported'), dataIndex: 'imported', width: 56, align: 'right', render: (v: number) => <Typography.Text strong>{v.toLocaleString('zh-CN')}</Typography.Text> },
          { title: t('inventory.imports.col.dupFile'), dataIndex: 'duplicatesInFile', width: 90, align: 'right', render: (v: number) => count(v) },
          { title: t('inventory.imports.col.dupStock'), dataIndex: 'duplicatesInStock', width: 72, align: 'right', render: (v: number) => count(v) },
          { title: t('inventory.imports.col.invalid'), dataIndex: 'invalid', width: 56, align: 'right', render: (v: number) => count(v, true) },
          {
            title: t('inventory.imports.col.status'),
            dataIndex: 'status',
            width: 76,
            render: (v: ImportRecord['status'], r) => {
              const tag = <Tag color={statusTags[v].color}>{t(statusTags[v].label)}</Tag>;
              return r.undoneAt ? <Tooltip title={t('inventory.imports.undoneAt', { time: formatTime(r.undoneAt) })}>{tag}</Tooltip> : tag;
            },
          },
          {
            title: t('inventory.imports.col.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right',
            render: (_, r) => (
              <Space size={0}>
                {r.invalid + r.duplicatesInFile + r.duplicatesInStock > 0 && (
                  <Button type="link" size="small" onClick={() => void save(() => call('inventory.importProblems', { importId: r.id }))} data-testid="import-problems">
                    {t('inventory.imports.problems')}
                  </Button>
                )}
                {r.status === 'committed' &&
                  (r.canUndo ? (
                    <Button type="link" size="small" danger onClick={() => setUndoing(r)} data-testid="import-undo">
                      {t('inventory.imports.undo')}
                    </Button>
                  ) : (
                    <Tooltip title={t('inventory.imports.cannotUndo')}>
                      <Button type="link" size="small" disabled data-testid="import-undo-disabled">
                        {t('inventory.imports.undo')}
                      </Button>
                    </Tooltip>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <UndoImportModal record={undoing} onClose={() => setUndoing(undefined)} onUndone={history.reload} />
    </>
  );
}
