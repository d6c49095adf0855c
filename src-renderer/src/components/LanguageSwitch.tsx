import { App, Segmented } from 'antd';
import type { Language } from '../../../src-shared/contract/methods/app.js';
import { useErrorText, useI18n } from '../i18n/index.js';

// Each language is named in itself, so someone stuck in the wrong one can still find theirs.
const options: { label: string; value: Language }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en-US' },
];

export function LanguageSwitch() {
  const { language, setLanguage } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  return (
    <Segmented<Language>
      data-testid="language-switch"
      size="small"
      options={options}
      value={language}
      onChange={(next) => {
        setLanguage(next).catch((err: unknown) => message.error(errorText(err)));
      }}
    />
  );
}
