import { App } from 'antd';
import { useCallback } from 'react';
import { saveDownload } from '../../api/index.js';
import { useErrorText, useT } from '../../i18n/index.js';

/**
 * Runs a call that prepares a file on the core side (export, problem list) and saves it where the
 * owner expects: a browser download or the desktop's save dialog. Reports the outcome itself;
 * resolves true when the file was saved.
 */
export function useSaveDownload(): (prepare: () => Promise<{ downloadId: string; fileName: string; rows: number }>) => Promise<boolean> {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  return useCallback(
    async (prepare) => {
      try {
        const file = await prepare();
        const { saved } = await saveDownload(file.downloadId, file.fileName);
        if (saved) message.success(t('inventory.download.saved', { fileName: file.fileName, rows: file.rows }));
        return saved;
      } catch (err) {
        message.error(errorText(err));
        return false;
      }
    },
    [t, errorText, message],
  );
}
