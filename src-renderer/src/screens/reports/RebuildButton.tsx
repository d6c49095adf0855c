import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { call } from '../../api/index.js';
import { useErrorText, useT } from '../../i18n/index.js';

/**
 * 重新计算: builds the report ledger again from the orders, keys and top-ups (audited). Rarely needed —
 * the ledger follows every change by itself — but it is the owner's answer to "are these numbers right?".
 */
export function RebuildButton(props: { onDone(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const rebuild = async () => {
    setBusy(true);
    try {
      const done = await call('reports.rebuild', {});
      message.success(t('reports.rebuild.done', { lines: done.lines.toLocaleString('zh-CN'), seconds: (done.ms / 1000).toFixed(1) }));
      props.onDone();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('reports.rebuild.confirm')} description={t('reports.rebuild.explain')} onConfirm={() => void rebuild()} okText={t('reports.rebuild.ok')}>
      <Button type="text" size="small" icon={<ReloadOutlined />} loading={busy} data-testid="reports-rebuild">
        {t('reports.rebuild.button')}
      </Button>
    </Popconfirm>
  );
}
