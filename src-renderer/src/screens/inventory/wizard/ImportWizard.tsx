import { Modal, Spin, Steps } from 'antd';
import { useEffect, useState } from 'react';
import type { ProductStock } from '../../../../../src-shared/contract/methods/products.js';
import { useT } from '../../../i18n/index.js';
import { ChooseStep } from './ChooseStep.js';
import { PreviewStep } from './PreviewStep.js';
import { ResultStep } from './ResultStep.js';
import { RunStep } from './RunStep.js';
import { useImportWizard, type Stage } from './useImportWizard.js';

const stageIndex: Record<Stage, number> = { choose: 0, preview: 1, running: 2, result: 3 };

/** 导入卡密: choose → preview → run → result, for one product. Closing is blocked while it runs. */
export function ImportWizard(props: { product: ProductStock | undefined; onClose(): void }) {
  const t = useT();
  const [running, setRunning] = useState(false);
  return (
    <Modal
      open={props.product !== undefined}
      title={props.product ? t('inventory.import.title', { name: props.product.name }) : ''}
      width={1000}
      footer={null}
      closable={!running}
      keyboard={!running}
      onCancel={() => {
        if (!running) props.onClose();
      }}
      mask={{ closable: false }}
      destroyOnHidden
      styles={{ body: { minHeight: 360 } }}
    >
      {props.product && <WizardBody productId={props.product.id} onClose={props.onClose} onRunningChange={setRunning} />}
    </Modal>
  );
}

function WizardBody(props: { productId: number; onClose(): void; onRunningChange(running: boolean): void }) {
  const t = useT();
  const wizard = useImportWizard(props.productId);
  const { stage, preview } = wizard;
  const { onRunningChange } = props;
  useEffect(() => {
    onRunningChange(stage === 'running');
    return () => onRunningChange(false);
  }, [stage, onRunningChange]);
  return (
    <div data-testid="import-wizard">
      <Steps
        size="small"
        current={stageIndex[stage]}
        status={wizard.outcome?.status === 'rejected' && stage === 'result' ? 'error' : undefined}
        style={{ margin: '8px 0 20px' }}
        items={[
          { title: t('inventory.import.step.choose') },
          { title: t('inventory.import.step.preview') },
          { title: t('inventory.import.step.run') },
          { title: t('inventory.import.step.result') },
        ]}
      />
      {stage === 'choose' && (
        <ChooseStep busy={wizard.busy} error={wizard.error} onFile={(file) => wizard.choose({ kind: 'file', file, uploadId: undefined })} onPaste={(text) => wizard.choose({ kind: 'paste', text })} />
      )}
      {/* Kept mounted after it is left, so a cancelled or failed run comes back to the same settings. */}
      {preview && stage !== 'choose' && (
        <div style={{ display: stage === 'preview' ? undefined : 'none' }}>
          <Spin spinning={wizard.busy}>
            <PreviewStep wizard={wizard} preview={preview} />
          </Spin>
        </div>
      )}
      {stage === 'running' && <RunStep progress={wizard.progress} onCancel={wizard.cancel} />}
      {stage === 'result' && wizard.outcome && (
        <ResultStep outcome={wizard.outcome} mode={wizard.settings?.mode ?? 'all'} onRetryValidOnly={() => wizard.retryValidOnly()} onBack={wizard.backToPreview} onAnother={wizard.restart} onDone={props.onClose} />
      )}
    </div>
  );
}
