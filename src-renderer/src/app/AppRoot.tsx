import { useMemo, useState } from 'react';
import type { ApiMode } from '../api/index.js';
import { Shell } from '../shell/Shell.js';
import { UnlockScreen } from '../unlock/index.js';
import { FirstRunWizard } from '../wizard/index.js';
import { LoadingScreen, NoTokenScreen, UnreachableScreen } from './StartupScreens.js';
import { useStartup } from './useStartup.js';
import { VaultContext } from './VaultContext.js';

export function AppRoot(props: { mode: ApiMode }) {
  if (props.mode === 'no-token') return <NoTokenScreen refused={false} />;
  return <VaultGate />;
}

/**
 * Picks the screen from the vault state: new → wizard, locked → unlock, unlocked → workbench.
 * Two moments outlive the state that started them, so they are remembered here: the wizard keeps
 * going after setup unlocks the vault (the recovery key step comes after), and a recovery-key unlock
 * asks for a new passphrase once inside.
 */
function VaultGate() {
  const { startup, retry, setStatus } = useStartup();
  const [onboarding, setOnboarding] = useState(false);
  const [viaRecoveryKey, setViaRecoveryKey] = useState(false);
  const status = startup.phase === 'ready' ? startup.status : undefined;

  // Adjusting state from the incoming status during render (React's "derived state" pattern), so
  // there is never a frame showing the workbench between setup and the recovery key step.
  if (status?.state === 'new' && !onboarding) setOnboarding(true);
  if (status?.state === 'locked' && onboarding) setOnboarding(false);

  const vault = useMemo(() => (status ? { status, setStatus } : null), [status, setStatus]);

  switch (startup.phase) {
    case 'loading':
      return <LoadingScreen />;
    case 'token-refused':
      return <NoTokenScreen refused />;
    case 'unreachable':
      return <UnreachableScreen error={startup.error} onRetry={retry} />;
    case 'ready':
      break;
  }
  const state = startup.status.state;
  return (
    <VaultContext.Provider value={vault}>
      {state === 'new' || (onboarding && state === 'unlocked') ? (
        <FirstRunWizard onFinish={() => setOnboarding(false)} />
      ) : state === 'locked' ? (
        <UnlockScreen onUnlocked={setViaRecoveryKey} />
      ) : (
        <Shell unlockedWithRecoveryKey={viaRecoveryKey} onRecoveryHandled={() => setViaRecoveryKey(false)} />
      )}
    </VaultContext.Provider>
  );
}
