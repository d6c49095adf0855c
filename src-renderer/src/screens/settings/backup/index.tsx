import { Divider, Flex, Skeleton, Typography } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { MethodInput } from '../../../../../src-shared/contract/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useT } from '../../../i18n/index.js';
import { BackupSettingsForm } from './BackupSettingsForm.js';
import { HistoryTable } from './HistoryTable.js';
import { RestoreModal } from './RestoreModal.js';
import { RestorePanel, StagedBanner } from './RestorePanel.js';
import { RunNow } from './RunNow.js';
import { useBackupProgress } from './useBackupProgress.js';

type Source = MethodInput<'backup.restore'>['source'];

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {props.title}
      </Typography.Title>
      {props.children}
    </Flex>
  );
}

/** 备份与恢复: the folder and schedule, 立即备份, the history, and a verified restore. */
export function BackupSection() {
  const t = useT();
  const settings = useCall('backup.settings.get', {});
  const listing = useCall('backup.list', {});
  const info = useCall('app.info', {});
  const [restoring, setRestoring] = useState<Source>();
  const { reload: reloadList } = listing;
  const { reload: reloadSettings } = settings;
  const refresh = useCallback(() => {
    reloadList();
    reloadSettings();
  }, [reloadList, reloadSettings]);
  const progress = useBackupProgress(refresh);

  if (!settings.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const staged = listing.data?.staged;
  return (
    <Flex vertical gap={8} data-testid="backup-section">
      {staged && <StagedBanner staged={staged} host={info.data?.host} onChanged={reloadList} />}
      <Section title={t('backup.settings.title')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 860 }}>{t('backup.settings.explain')}</Typography.Paragraph>
        <BackupSettingsForm
          key={settings.data.folder ?? ''}
          settings={settings.data}
          onSaved={(s) => {
            settings.setData(s);
            reloadList();
          }}
        />
      </Section>
      <Divider />
      <Section title={t('backup.run.title')}>
        <RunNow folder={settings.data.folder} running={listing.data?.running ?? false} progress={progress} onDone={refresh} />
      </Section>
      <Divider />
      <Section title={t('backup.history.title')}>
        <HistoryTable history={listing.data?.history ?? []} loading={listing.loading && !listing.data} />
      </Section>
      <Divider />
      <Section title={t('backup.restore.title')}>
        <RestorePanel listing={listing.data} loading={listing.loading && !listing.data} onRestore={setRestoring} />
      </Section>
      {restoring && (
        <RestoreModal source={restoring} host={info.data?.host} progress={progress} onClose={() => setRestoring(undefined)} onStaged={reloadList} />
      )}
    </Flex>
  );
}
