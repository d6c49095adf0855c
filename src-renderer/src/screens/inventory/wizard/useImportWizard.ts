import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ImportOutcome, ImportPreview, ImportSource } from '../../../../../src-shared/contract/methods/imports.js';
import { call, isApiError, onEvent, uploadFile, type KeyDeskEvent } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { buildImportRequest, initialFields, newJobId, type FieldChoice, type ImportSettings } from './wizard-state.js';

export type Stage = 'choose' | 'preview' | 'running' | 'result';
export type Progress = Extract<KeyDeskEvent, { event: 'import.progress' }>['payload'];

/** A file is uploaded once per use: the core deletes an upload when an import of it ends. */
type Picked = { kind: 'file'; file: File; uploadId: string | undefined } | { kind: 'paste'; text: string };

/**
 * The import wizard's state and its calls: upload → preview → run with progress and cancel →
 * outcome, and the one-click "only the valid rows" retry, which needs a fresh upload of the same file.
 */
export function useImportWizard(productId: number) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [stage, setStage] = useState<Stage>('choose');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [fields, setFields] = useState<FieldChoice[]>([]);
  const [headerRow, setHeaderRow] = useState<number | null>(null);
  const [progress, setProgress] = useState<Progress>();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [settings, setSettings] = useState<ImportSettings>();
  const picked = useRef<Picked>(undefined);
  const jobId = useRef<string>(undefined);

  // A file of plaintext keys uploaded for a preview must not wait for the daily sweep when the owner
  // closes the wizard or starts over without importing it.
  const discardUpload = () => {
    const p = picked.current;
    if (p?.kind === 'file' && p.uploadId) void call('inventory.discardUpload', { uploadId: p.uploadId }).catch(() => undefined);
  };
  useEffect(() => discardUpload, []);

  const sourceNow = async (): Promise<ImportSource> => {
    const p = picked.current!;
    if (p.kind === 'paste') return { text: p.text, name: t('inventory.import.pastedName') };
    if (!p.uploadId) p.uploadId = (await uploadFile(p.file)).uploadId;
    return { uploadId: p.uploadId };
  };

  const loadPreview = async (sheet?: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await call('inventory.previewImport', { source: await sourceNow(), ...(sheet !== undefined && { sheet }) });
      setPreview(next);
      setFields(initialFields(next));
      setHeaderRow(next.headerRow);
      setStage('preview');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const choose = (p: Picked) => {
    discardUpload();
    picked.current = p;
    void loadPreview();
  };

  const run = async (next: ImportSettings) => {
    setSettings(next);
    setError(undefined);
    setOutcome(undefined);
    setProgress(undefined);
    setStage('running');
    const id = newJobId();
    jobId.current = id;
    const stop = onEvent((m) => {
      if (m.event === 'import.progress' && m.payload.jobId === id) setProgress(m.payload);
    });
    try {
      const source = await sourceNow();
      // Whatever happens next, the core deletes this upload when the run ends.
      if (picked.current?.kind === 'file') picked.current.uploadId = undefined;
      setOutcome(await call('inventory.import', buildImportRequest(id, source, next)));
      setStage('result');
    } catch (err) {
      if (isApiError(err, 'IMPORT_CANCELLED')) message.info(t('inventory.import.cancelled'));
      else setError(errorText(err));
      setStage('preview');
    } finally {
      stop();
      jobId.current = undefined;
    }
  };

  const cancel = async () => {
    if (!jobId.current) return;
    try {
      await call('inventory.cancelImport', { jobId: jobId.current });
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const restart = () => {
    discardUpload();
    picked.current = undefined;
    setPreview(undefined);
    setOutcome(undefined);
    setError(undefined);
    setStage('choose');
  };

  return {
    productId, stage, busy, error, preview, fields, headerRow, progress, outcome, settings,
    choose, run, cancel, restart,
    changeSheet: (sheet: number) => void loadPreview(sheet),
    setFields, setHeaderRow,
    backToPreview: () => setStage('preview'),
    retryValidOnly: () => settings && void run({ ...settings, mode: 'partial' }),
    fileName: () => (picked.current?.kind === 'file' ? picked.current.file.name : undefined),
  };
}

export type ImportWizardState = ReturnType<typeof useImportWizard>;
