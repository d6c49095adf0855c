import { Button, Descriptions, Result } from 'antd';
import type { SandboxStatus } from '../../../src-shared/contract/methods/sandbox.js';
import type { UnlockMethod } from '../../../src-shared/contract/methods/vault.js';
import { useT } from '../i18n/index.js';

/** Step 4: what was set up, and the way into the workbench. */
export function DoneStep(props: { method: UnlockMethod; demoShop: SandboxStatus['demoShop']; onFinish(): void }) {
  const t = useT();
  return (
    <Result
      status="success"
      title={t('wizard.done.title')}
      subTitle={t('wizard.done.text')}
      style={{ padding: '8px 0 0' }}
      extra={
        <Button type="primary" size="large" onClick={props.onFinish} data-testid="wizard-finish">
          {t('wizard.done.enter')}
        </Button>
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'method',
            label: t('security.method'),
            children: props.method === 'os-keychain' ? t('security.method.keychain') : t('security.method.passphrase'),
          },
          { key: 'recovery', label: t('security.recoveryKey'), children: t('security.recovery.confirmed') },
          { key: 'demo', label: t('demoShop.title'), children: props.demoShop ? props.demoShop.name : t('wizard.done.noDemo') },
        ]}
      />
    </Result>
  );
}
