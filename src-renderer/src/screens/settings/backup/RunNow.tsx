import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { BackupRecord } from '../../../../../src-shared/contract/index.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT, type MessageKey } from '../../../i18n/index.js';
import { fileNameOf, formatSize } from './labels.js';
import type { BackupProgress } from './useBackupProgress.js';

/** 立即备份: one button, the live progress from the core, and what came of it. */
export function RunNow(props: { folder: string | null; running: boolean; progress: BackupProgress | undefined; onDone(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true; record: BackupRecord } | { ok: false; error: string }>();

  const run = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult({ ok: true, record: await call('backup.run', {}) });
    } catch (err) {
      setResult({ ok: false, error: errorText(err) });
    } finally {
      setBusy(false);
      props.onDone();
    }
  };
  const progress = props.progress && props.progress.phase !== 'restore' ? props.progress : undefined;

  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Flex gap={16} align="center">
        <Button type="primary" icon={<CloudUploadOutlined />} loading={busy || props.running} disabled={!props.folder} onClick={() => void run()} data-testid="backup-run">
          {t('backup.run.button')}
        </Button>
        {!props.folder && <Typography.Text type="secondary">{t('backup.run.needFolder')}</Typography.Text>}
      </Flex>
      {progress && (
        <div data-testid="backup-progress">
          <Typography.Text type="secondary">{t(`backup.run.phase.${progress.phase}` as MessageKey)}</Typography.Text>
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
      {result?.ok === true && (
        <Alert
          type="success"
          showIcon
          data-testid="backup-run-result"
          title={t('backup.run.done', { file: fileNameOf(result.record.path) })}
          description={t('backup.run.doneDetail', { keys: result.record.keys ?? 0, size: formatSize(result.record.bytes), folder: props.folder ?? '' })}
        />
      )}
      {result?.ok === false && <Alert type="error" showIcon data-testid="backup-run-result" title={t('backup.run.failed')} description={result.error} />}
    </Flex>
  );
}
