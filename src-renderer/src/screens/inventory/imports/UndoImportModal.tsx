import { App } from 'antd';
import type { ImportRecord } from '../../../../../src-shared/contract/methods/imports.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ReasonModal } from '../ReasonModal.js';

/** 撤销导入: removes every key of one import (only while none has left stock), with a reason. */
export function UndoImportModal(props: { record: ImportRecord | undefined; onClose(): void; onUndone(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const r = props.record;

  const undo = async (reason: string) => {
    if (!r) return;
    try {
      await call('inventory.undoImport', { importId: r.id, reason });
      message.success(t('inventory.imports.undone', { count: r.imported, fileName: r.fileName }));
      props.onUndone();
    } catch (err) {
      message.error(errorText(err));
      throw err;
    }
  };

  return (
    <ReasonModal
      open={r !== undefined}
      title={t('inventory.imports.undoTitle')}
      explain={r ? t('inventory.imports.undoExplain', { count: r.imported, fileName: r.fileName }) : ''}
      okText={t('inventory.imports.undo')}
      danger
      testId="undo-reason"
      onSubmit={undo}
      onClose={props.onClose}
    />
  );
}
