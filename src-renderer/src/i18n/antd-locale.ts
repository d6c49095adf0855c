import type { Locale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Language } from '../../../src-shared/contract/methods/app.js';

/** antd's own texts (pagination, Empty, Popconfirm buttons) follow the app's language. */
export const antdLocale: Record<Language, Locale> = { 'zh-CN': zhCN, 'en-US': enUS };
