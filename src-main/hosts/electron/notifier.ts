// 提醒 on the desktop: the core's alerts (grouped and throttled there) shown as OS notifications. The
// Electron class comes in as a parameter, looked up only when a notification is shown.
import type { DesktopNotifier } from '../../core/notify/index.js';

export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string }): { show(): void };
}

/** Shows each alert as an OS notification; where the OS has none (some Linux desktops), shows nothing. */
export function createDesktopNotifier(notification: () => NotificationClass): DesktopNotifier {
  return (title, body) => {
    const Notification = notification();
    if (!Notification.isSupported()) throw new Error('这台电脑不支持系统通知');
    new Notification({ title, body }).show();
  };
}
