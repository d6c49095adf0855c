import { Button, Flex, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useT, type MessageKey } from '../../../i18n/index.js';
import type { Progress as ImportProgress } from './useImportWizard.js';

const phaseLabels: Record<ImportProgress['phase'], MessageKey> = {
  reading: 'inventory.import.phase.reading',
  checking: 'inventory.import.phase.checking',
  saving: 'inventory.import.phase.saving',
  done: 'inventory.import.phase.done',
};

/**
 * The core reports rows read and, for files, the total size; without bytes read there is no honest
 * percentage, so the bar shows the phase (reading → checking → saving) and the row count.
 */
function percentOf(p: ImportProgress | undefined): number {
  if (!p) return 2;
  if (p.bytesRead !== undefined && p.totalBytes) return Math.min(99, Math.round((p.bytesRead / p.totalBytes) * 90));
  return { reading: 35, checking: 70, saving: 90, done: 100 }[p.phase];
}

/** Step 3: the import runs in the core; the owner can watch it and cancel until it commits. */
export function RunStep(props: { progress: ImportProgress | undefined; onCancel(): Promise<void> }) {
  const t = useT();
  const [cancelling, setCancelling] = useState(false);
  const p = props.progress;
  return (
    <Flex vertical align="center" gap={16} style={{ padding: '32px 24px' }} data-testid="import-running">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t(p ? phaseLabels[p.phase] : 'inventory.import.phase.starting')}
      </Typography.Title>
      <Progress percent={percentOf(p)} status="active" style={{ width: '100%', maxWidth: 520 }} showInfo={false} />
      <Typography.Text type="secondary" data-testid="import-rows-read">
        {t('inventory.import.rowsRead', { rows: (p?.rowsRead ?? 0).toLocaleString('zh-CN') })}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', maxWidth: 520, margin: 0 }}>
        {t('inventory.import.runningHelp')}
      </Typography.Paragraph>
      <Button
        loading={cancelling}
        disabled={p?.phase === 'saving' || p?.phase === 'done'}
        onClick={() => {
          setCancelling(true);
          void props.onCancel().finally(() => setCancelling(false));
        }}
        data-testid="import-cancel"
      >
        {t('inventory.import.cancel')}
      </Button>
    </Flex>
  );
}
