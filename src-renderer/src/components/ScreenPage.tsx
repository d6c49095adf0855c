import type { ReactNode } from 'react';
import type { ScreenId } from '../shell/screens.js';

/** Every screen's outer box: the test id, and a readable width on wide monitors. */
export function ScreenPage(props: { id: ScreenId; children: ReactNode; wide?: boolean }) {
  return (
    <div data-testid={`screen-${props.id}`} style={{ maxWidth: props.wide ? 1280 : 1080, margin: '0 auto' }}>
      {props.children}
    </div>
  );
}
