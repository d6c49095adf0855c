import type { onboarding as zh } from '../zh-CN/onboarding.js';

export const onboarding: Record<keyof typeof zh, string> = {
  'wizard.steps.protection': 'Protection',
  'wizard.steps.recovery': 'Recovery key',
  'wizard.steps.demo': 'Sandbox',
  'wizard.steps.done': 'Done',
  'wizard.next': 'Next',

  'wizard.welcome.title': 'Welcome to KeyDesk',
  'wizard.welcome.text': 'Card keys, shop authorisations and supplier secrets are stored encrypted on this computer only, never uploaded anywhere. First, choose what protects them.',
  'wizard.protection.question': 'How should your data be protected?',
  'wizard.protection.keychain': 'System keychain (recommended)',
  'wizard.protection.keychainText': 'Protected by your Windows account; no passphrase to type when KeyDesk opens. Best for a computer only you use.',
  'wizard.protection.keychainUnavailable': 'The system keychain is not available here.',
  'wizard.protection.passphrase': 'Passphrase',
  'wizard.protection.passphraseText': 'Type a passphrase each time KeyDesk opens. Best for a shared computer, or when using KeyDesk in a browser.',
  'wizard.protection.create': 'Create vault',

  'wizard.recovery.title': 'Save your recovery key',
  'wizard.recovery.warningTitle': 'The only way back to your data. Shown this once.',
  'wizard.recovery.warning':
    'If you forget your passphrase or move to another computer, only this key can unlock your card keys. KeyDesk does not keep it and cannot recover it for you. Write it on paper or store it in a password manager; never send a screenshot of it to anyone.',
  'wizard.recovery.confirmed': 'Recovery key confirmed. Please continue.',
  'wizard.recovery.nextHint': 'Confirm the recovery key to continue',

  'wizard.demo.title': 'Sandbox demo shop (optional)',
  'wizard.demo.text': 'Not ready to connect a real shop? Open a simulated one: simulated buyers place orders and you can watch them arrive and get delivered, without touching a real shop. You can also open it later in Settings › Sandbox.',
  'wizard.demo.switch': 'Open a sandbox demo shop',
  'wizard.demo.switchText': 'Creates a demo shop on a simulated platform.',
  'wizard.demo.unavailable': 'The sandbox was not started this time. Start KeyDesk with the --sandbox option to use it.',
  'wizard.demo.exists': 'Demo shop "{name}" is already open.',
  'wizard.demo.openAndNext': 'Open and continue',

  'wizard.done.title': 'All set',
  'wizard.done.text': 'Your vault is ready. Next: import card keys and connect a shop; the workbench walks you through it.',
  'wizard.done.enter': 'Go to the workbench',
  'wizard.done.noDemo': 'Not opened',

  'unlock.title': 'Unlock KeyDesk',
  'unlock.recoveryTitle': 'Unlock with recovery key',
  'unlock.subtitle': 'Your data is encrypted. Unlock to view it and deliver orders.',
  'unlock.passphrase': 'Passphrase',
  'unlock.submit': 'Unlock',
  'unlock.keychainText': 'Your vault is protected by the system keychain. Click to unlock.',
  'unlock.forgot': 'Forgot your passphrase? Use the recovery key',
  'unlock.keychainLost': 'Keychain not working? Use the recovery key',
  'unlock.backToPassphrase': 'Remembered it? Unlock with passphrase',
  'unlock.backToKeychain': 'Back to keychain unlock',
  'unlock.recoveryText': 'Enter the recovery key you saved at first setup. Case, spaces and dashes do not matter.',
  'unlock.recoveryKey': 'Recovery key',
  'unlock.withRecovery': 'Unlock with recovery key',
};
