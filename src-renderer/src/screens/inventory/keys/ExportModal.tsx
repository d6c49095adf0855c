import { Alert, Checkbox, Form, Input, Modal, Radio, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { KeyFilter } from '../../../../../src-shared/contract/methods/inventory.js';
import { call } from '../../../api/index.js';
import { useT } from '../../../i18n/index.js';
import { useSaveDownload } from '../useSaveDownload.js';

// The words the core requires for a plaintext export: one constant in the contract, shared.
import { PLAINTEXT_CONFIRMATION } from '../../../../../src-shared/contract/methods/inventory.js';

/**
 * 导出: the keys of the current filter, masked by default. Plaintext needs a second, typed
 * confirmation, because the file can then be used by whoever gets hold of it.
 */
export function ExportModal(props: { open: boolean; filter: KeyFilter; total: number; onClose(): void }) {
  const t = useT();
  const save = useSaveDownload();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [plaintext, setPlaintext] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  const close = () => {
    setConfirming(false);
    setTyped('');
    setPlaintext(false);
    props.onClose();
  };

  const run = async (withPlaintext: boolean) => {
    setBusy(true);
    const saved = await save(() =>
      call('inventory.exportKeys', { filter: props.filter, format, plaintext: withPlaintext, ...(withPlaintext && { confirm: typed.trim() }) }),
    );
    setBusy(false);
    if (saved) close();
  };

  return (
    <>
      <Modal
        open={props.open && !confirming}
        title={t('inventory.export.title')}
        okText={t(plaintext ? 'inventory.export.next' : 'inventory.export.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, disabled: props.total === 0, 'data-testid': 'export-ok' } as ButtonProps}
        onOk={() => (plaintext ? setConfirming(true) : void run(false))}
        onCancel={close}
      >
        <Typography.Paragraph>{t('inventory.export.scope', { total: props.total.toLocaleString('zh-CN') })}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('inventory.export.format')}>
            <Radio.Group
              value={format}
              onChange={(e) => setFormat(e.target.value as 'xlsx' | 'csv')}
              options={[
                { value: 'xlsx', label: t('inventory.export.xlsx') },
                { value: 'csv', label: <span data-testid="export-format-csv">{t('inventory.export.csv')}</span> },
              ]}
            />
          </Form.Item>
          <Form.Item extra={t('inventory.export.plaintextHelp')} style={{ marginBottom: 0 }}>
            <Checkbox checked={plaintext} onChange={(e) => setPlaintext(e.target.checked)} data-testid="export-plaintext">
              {t('inventory.export.plaintext')}
            </Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={props.open && confirming}
        title={t('inventory.export.confirmTitle')}
        okText={t('inventory.export.confirmOk')}
        okButtonProps={{ danger: true, loading: busy, disabled: typed.trim() !== PLAINTEXT_CONFIRMATION, 'data-testid': 'export-confirm-ok' } as ButtonProps}
        cancelText={t('common.cancel')}
        onOk={() => void run(true)}
        onCancel={() => {
          setConfirming(false);
          setTyped('');
        }}
      >
        <Alert type="warning" showIcon title={t('inventory.export.warningTitle')} description={t('inventory.export.warning')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>{t('inventory.export.typeToConfirm', { words: PLAINTEXT_CONFIRMATION })}</Typography.Paragraph>
        <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={PLAINTEXT_CONFIRMATION} autoFocus data-testid="export-confirm-input" />
      </Modal>
    </>
  );
}
