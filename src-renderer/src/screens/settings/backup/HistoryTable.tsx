import { Table, Tag, Typography } from 'antd';
import type { BackupRecord } from '../../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { STATUS_COLOR, fileNameOf, formatSize, kindLabel, statusLabel } from './labels.js';

/** 备份记录: every manual and scheduled backup, newest first, with the reason of a failure. */
export function HistoryTable(props: { history: BackupRecord[]; loading: boolean }) {
  const t = useT();
  return (
    <Table<BackupRecord>
      data-testid="backup-history"
      size="small"
      rowKey="id"
      loading={props.loading}
      dataSource={props.history}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('backup.history.empty') }}
      scroll={{ x: 720 }}
      columns={[
        { title: t('backup.col.time'), dataIndex: 'startedAt', width: 170, render: (at: number) => formatTime(at) },
        { title: t('backup.col.kind'), dataIndex: 'kind', width: 70, render: (k: BackupRecord['kind']) => t(kindLabel(k)) },
        { title: t('backup.col.status'), dataIndex: 'status', width: 80, render: (s: BackupRecord['status']) => <Tag color={STATUS_COLOR[s]}>{t(statusLabel(s))}</Tag> },
        { title: t('backup.col.keys'), dataIndex: 'keys', width: 80, align: 'right', render: (n: number | null) => n ?? '—' },
        { title: t('backup.col.size'), dataIndex: 'bytes', width: 90, align: 'right', render: (b: number | null) => formatSize(b) },
        {
          title: t('backup.col.file'),
          key: 'file',
          render: (_: unknown, r: BackupRecord) =>
            r.status === 'failed' ? (
              <Typography.Text type="danger">{r.error}</Typography.Text>
            ) : (
              <Typography.Text title={r.path} ellipsis style={{ maxWidth: 320 }}>
                {fileNameOf(r.path)}
              </Typography.Text>
            ),
        },
      ]}
    />
  );
}
