import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/**
 * The frame for everything before the workbench (startup, first-run wizard, unlock): the brand
 * top-left, the language switch top-right, one card in the middle.
 */
export function CenteredLayout(props: { children: ReactNode; width?: number }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'radial-gradient(circle at 15% 0%, #e6edff 0%, #f4f6fb 45%, #f7f3ff 100%)',
      }}
    >
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '18px 28px' }}>
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main style={{ flex: 1, display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: '24px 16px 48px' }}>
        <div style={{ width: '100%', maxWidth: props.width ?? 560, marginTop: '4vh' }}>{props.children}</div>
      </main>
    </div>
  );
}
