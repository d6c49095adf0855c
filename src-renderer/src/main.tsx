import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApi } from './api/index.js';
import { AppProviders } from './app/AppProviders.js';
import { AppRoot } from './app/AppRoot.js';
import { I18nProvider } from './i18n/index.js';
import './global.css';

// Decided once, before the first render: which transport, and whether there is a token at all.
const mode = startApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider canSave={mode !== 'no-token'}>
      <AppProviders>
        <AppRoot mode={mode} />
      </AppProviders>
    </I18nProvider>
  </StrictMode>,
);
