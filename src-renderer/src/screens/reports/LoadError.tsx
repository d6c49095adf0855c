import { Alert, Button } from 'antd';
import { useErrorText, useT } from '../../i18n/index.js';

/** A report that could not be read: the core's reason and a way to try again. */
export function LoadError(props: { error: unknown; retry(): void; testId: string }) {
  const t = useT();
  const errorText = useErrorText();
  if (props.error === undefined) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(props.error)}
      action={<Button size="small" onClick={props.retry}>{t('common.retry')}</Button>}
      data-testid={props.testId}
    />
  );
}
