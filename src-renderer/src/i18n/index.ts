export { I18nProvider, useI18n, useT, type MessageKey, type Translate } from './I18nProvider.js';
export { useErrorText } from './useErrorText.js';
export { antdLocale, applyDateLocale } from './antd-locale.js';
