import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../../src-shared/contract/index.js';
import { onEvent } from '../../../api/index.js';

export type BackupProgress = EventPayload<'backup.progress'>;

/** The latest `backup.progress` event (a backup or a restore check running in the core), cleared at the end. */
export function useBackupProgress(onFinished: () => void): BackupProgress | undefined {
  const [progress, setProgress] = useState<BackupProgress>();
  useEffect(
    () =>
      onEvent((message) => {
        if (message.event !== 'backup.progress') return;
        const payload = message.payload as BackupProgress;
        if (payload.phase === 'done' || payload.phase === 'failed') {
          setProgress(undefined);
          onFinished();
        } else {
          setProgress(payload);
        }
      }),
    [onFinished],
  );
  return progress;
}
