import { LoadingOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import type { MethodOutput } from '../../../../../src-shared/contract/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

export type TestOutcome = MethodOutput<'shops.test'>;
export type TestState = { state: 'running' } | { state: 'done'; result: TestOutcome } | { state: 'failed'; error: unknown };

/** The answer of 测试连接: the platform's own message, the shop name it reports, and how long it took. */
export function ShopTestResult(props: { test: TestState }) {
  const t = useT();
  const errorText = useErrorText();
  const { test } = props;
  if (test.state === 'running') {
    return <Alert type="info" showIcon icon={<LoadingOutlined />} title={t('shops.test.running')} data-testid="shop-test-result" />;
  }
  if (test.state === 'failed') {
    return <Alert type="error" showIcon title={t('shops.test.failed')} description={errorText(test.error)} data-testid="shop-test-result" />;
  }
  const { result } = test;
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      title={t(result.ok ? 'shops.test.ok' : 'shops.test.failed')}
      description={
        <>
          <div>{t('shops.test.detail', { message: result.message, ms: result.ms })}</div>
          {result.shopName && <div>{t('shops.test.platformShop', { name: result.shopName })}</div>}
        </>
      }
      data-testid="shop-test-result"
    />
  );
}
