import { App } from 'antd';
import { useEffect } from 'react';
import { onEvent } from '../api/index.js';

/** `app.notice` events from the core become corner notifications while the workbench is open. */
export function useNotices(): void {
  const { notification } = App.useApp();
  useEffect(
    () =>
      onEvent((message) => {
        if (message.event !== 'app.notice') return;
        const { level, message: text } = message.payload;
        notification[level]({ title: text, placement: 'bottomRight' });
      }),
    [notification],
  );
}
