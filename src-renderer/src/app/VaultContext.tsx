import { createContext, useContext } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';

export interface VaultState {
  status: VaultStatus;
  /** Screens that change the vault pass the status the call returned, so the UI does not wait for the event. */
  setStatus(status: VaultStatus): void;
}

export const VaultContext = createContext<VaultState | null>(null);

export function useVault(): VaultState {
  const vault = useContext(VaultContext);
  if (!vault) throw new Error('useVault: outside VaultContext');
  return vault;
}
