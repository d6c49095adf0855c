import { inputIssues, isApiError } from '../api/index.js';
import { englishErrors } from './en-US/errors.js';
import { useI18n } from './I18nProvider.js';

/**
 * Turns a failed call into one line for the shop owner. The host's Chinese message is the most precise
 * text there is, so Chinese shows it as is (plus the field problems of INVALID_INPUT); English maps the
 * stable code, and falls back to the Chinese message for codes it does not know yet.
 */
export function useErrorText(): (err: unknown) => string {
  const { language, t } = useI18n();
  return (err) => {
    if (!isApiError(err)) return t('error.unexpected');
    const issues = inputIssues(err).map((i) => i.message);
    if (language === 'en-US') return englishErrors[err.code] ?? err.message;
    return issues.length > 0 ? `${err.message}（${issues.join('；')}）` : err.message;
  };
}
