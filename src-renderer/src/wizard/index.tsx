import { Card, Steps } from 'antd';
import { useState } from 'react';
import type { SandboxStatus } from '../../../src-shared/contract/methods/sandbox.js';
import type { UnlockMethod, VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { useVault } from '../app/VaultContext.js';
import { CenteredLayout } from '../components/CenteredLayout.js';
import { useT } from '../i18n/index.js';
import { DemoShopStep } from './DemoShopStep.js';
import { DoneStep } from './DoneStep.js';
import { ProtectionStep } from './ProtectionStep.js';
import { RecoveryKeyStep } from './RecoveryKeyStep.js';

type Progress =
  | { step: 'protection' }
  | { step: 'recovery'; recoveryKey: string; method: UnlockMethod }
  | { step: 'demo'; method: UnlockMethod }
  | { step: 'done'; method: UnlockMethod; demoShop: SandboxStatus['demoShop'] };

const order: Progress['step'][] = ['protection', 'recovery', 'demo', 'done'];

/**
 * First run. The vault is created at the end of step 1, so there is no way back past it: the
 * recovery key exists only in this component's state until step 2 is left, then it is dropped.
 */
export function FirstRunWizard(props: { onFinish(): void }) {
  const t = useT();
  const { status, setStatus } = useVault();
  const [progress, setProgress] = useState<Progress>({ step: 'protection' });

  const created = (recoveryKey: string, next: VaultStatus) => {
    setStatus(next);
    setProgress({ step: 'recovery', recoveryKey, method: next.method ?? 'passphrase' });
  };

  const body = (() => {
    switch (progress.step) {
      case 'protection':
        return <ProtectionStep keychain={status.keychain} onCreated={created} />;
      case 'recovery':
        return (
          <RecoveryKeyStep
            recoveryKey={progress.recoveryKey}
            onConfirmed={setStatus}
            onNext={() => setProgress({ step: 'demo', method: progress.method })}
          />
        );
      case 'demo':
        return <DemoShopStep onNext={(demoShop) => setProgress({ step: 'done', method: progress.method, demoShop })} />;
      case 'done':
        return <DoneStep method={progress.method} demoShop={progress.demoShop} onFinish={props.onFinish} />;
    }
  })();

  return (
    <CenteredLayout width={680}>
      <Card variant="borderless" style={{ boxShadow: '0 12px 40px rgba(15, 26, 51, 0.08)' }} styles={{ body: { padding: '28px 36px 32px' } }}>
        <Steps
          size="small"
          current={order.indexOf(progress.step)}
          style={{ marginBottom: 32 }}
          items={[
            { title: t('wizard.steps.protection') },
            { title: t('wizard.steps.recovery') },
            { title: t('wizard.steps.demo') },
            { title: t('wizard.steps.done') },
          ]}
        />
        <div data-testid={`wizard-step-${progress.step}`}>{body}</div>
      </Card>
    </CenteredLayout>
  );
}
