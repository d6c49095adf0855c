import type { FormInstance } from 'antd';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.js';

/**
 * antd keeps a field's error text as it was produced, so switching language would leave Chinese
 * errors under English labels. Re-running the rules of fields that show an error redraws them in
 * the new language.
 */
export function useRevalidateOnLanguageChange(form: FormInstance): void {
  const { language } = useI18n();
  const shown = useRef(language);
  useEffect(() => {
    if (shown.current === language) return;
    shown.current = language;
    const withErrors = form.getFieldsError().filter((f) => f.errors.length > 0).map((f) => f.name);
    // The rejection only repeats what the fields now display.
    if (withErrors.length > 0) form.validateFields(withErrors).catch(() => undefined);
  }, [language, form]);
}
