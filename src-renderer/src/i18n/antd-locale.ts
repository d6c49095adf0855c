import type { Locale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Language } from '../../../src-shared/contract/methods/app.js';

/** antd's own texts (pagination, Empty, Popconfirm buttons) follow the app's language. */
export const antdLocale: Record<Language, Locale> = { 'zh-CN': zhCN, 'en-US': enUS };

/**
 * Date pickers take month and weekday names (and Monday as the first day) from dayjs, not from antd's
 * locale: without this a Chinese screen shows "Nov" and "Su Mo".
 */
export function applyDateLocale(language: Language): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}
