import { FolderOpenOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { BackupFileInfo, MethodInput, MethodOutput } from '../../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { call, uploadFile } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { formatSize } from './labels.js';

type Listing = MethodOutput<'backup.list'>;
type Source = MethodInput<'backup.restore'>['source'];

/** A restore that passed every check and waits for the restart; it can still be called off. */
export function StagedBanner(props: { staged: NonNullable<Listing['staged']>; host: string | undefined; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const ref = useRef<HTMLDivElement>(null);
  // It appears after a restore was verified, usually with the page scrolled down to the restore part.
  useEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
    void ref.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);
  const cancel = async () => {
    try {
      await call('backup.cancelRestore', {});
      message.success(t('backup.staged.cancelled'));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      props.onChanged();
    }
  };
  return (
    <div ref={ref}>
      <Alert
        type="warning"
        showIcon
        data-testid="restore-staged"
        title={t('backup.staged.title', { file: props.staged.fileName })}
        description={
          <Flex vertical gap={4}>
            <span>{t('backup.staged.detail', { at: formatTime(props.staged.backup.createdAt) })}</span>
            <Typography.Text strong>{t(props.host === 'electron' ? 'backup.staged.restartElectron' : 'backup.staged.restartServer')}</Typography.Text>
          </Flex>
        }
        action={<Button size="small" onClick={() => void cancel()} data-testid="restore-cancel">{t('backup.staged.cancel')}</Button>}
      />
    </div>
  );
}

/** 从备份恢复: the backups found in the folder, or any other .kdbak (chosen, or by path). */
export function RestorePanel(props: { listing: Listing | undefined; loading: boolean; onRestore(source: Source): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [path, setPath] = useState('');
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const listing = props.listing;

  const choose = async (file: File) => {
    setUploading(true);
    setUploadError(undefined);
    try {
      const { uploadId } = await uploadFile(file);
      props.onRestore({ uploadId });
    } catch (err) {
      setUploadError(errorText(err));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 860 }}>{t('backup.restore.explain')}</Typography.Paragraph>
      <Typography.Text strong>{t('backup.restore.filesIn')}</Typography.Text>
      <Table<BackupFileInfo>
        data-testid="backup-files"
        size="small"
        rowKey="path"
        loading={props.loading}
        dataSource={listing?.files ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t(listing?.folder ? 'backup.restore.noFiles' : 'backup.restore.noFolder') }}
        scroll={{ x: 720 }}
        columns={[
          { title: t('backup.col.time'), dataIndex: 'createdAt', width: 170, render: (at: number) => formatTime(at) },
          { title: t('backup.col.keys'), key: 'keys', width: 80, align: 'right', render: (_: unknown, f: BackupFileInfo) => f.counts.keys },
          { title: t('backup.col.orders'), key: 'orders', width: 80, align: 'right', render: (_: unknown, f: BackupFileInfo) => f.counts.orders },
          { title: t('backup.col.size'), dataIndex: 'bytes', width: 90, align: 'right', render: (b: number) => formatSize(b) },
          {
            title: t('backup.col.source'), dataIndex: 'sameInstallation', width: 150,
            render: (same: boolean) => (same ? <Tag color="blue">{t('backup.restore.thisComputer')}</Tag> : <Tag>{t('backup.restore.otherInstallation')}</Tag>),
          },
          {
            title: t('backup.col.action'), key: 'action', width: 90,
            render: (_: unknown, f: BackupFileInfo) => (
              <Button size="small" onClick={() => props.onRestore({ path: f.path })} data-testid="backup-file-restore">{t('backup.restore.button')}</Button>
            ),
          },
        ]}
      />
      {listing && listing.unreadable.length > 0 && (
        <Alert type="warning" showIcon title={t('backup.restore.unreadable', { count: listing.unreadable.length })}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{listing.unreadable.map((u) => <li key={u.path}>{u.fileName}：{u.error}</li>)}</ul>} />
      )}
      <Flex gap={12} wrap align="center">
        <Upload accept=".kdbak" multiple={false} showUploadList={false} beforeUpload={(file) => { void choose(file); return Upload.LIST_IGNORE; }}>
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="restore-choose-file">{t('backup.restore.chooseFile')}</Button>
        </Upload>
        <Space.Compact style={{ flex: 1, minWidth: 320, maxWidth: 560 }}>
          <Input prefix={<FolderOpenOutlined />} value={path} onChange={(e) => setPath(e.target.value)} placeholder={t('backup.restore.byPath')} data-testid="restore-path" />
          <Button disabled={!path.trim()} onClick={() => props.onRestore({ path: path.trim() })} data-testid="restore-path-open">{t('backup.restore.byPathButton')}</Button>
        </Space.Compact>
      </Flex>
      {uploadError && <Alert type="error" showIcon title={uploadError} />}
    </Flex>
  );
}
