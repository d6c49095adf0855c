import { Alert, Button, Divider, Flex, Form, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ImportPreview } from '../../../../../src-shared/contract/methods/imports.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { BatchFields, type BatchFormValues } from './BatchFields.js';
import { PreviewTable } from './PreviewTable.js';
import type { ImportWizardState } from './useImportWizard.js';
import { assignField, type ImportSettings } from './wizard-state.js';

const NO_HEADER = -1;

/** Step 2: check the columns the core guessed, fix them, describe the batch, choose the rule. */
export function PreviewStep(props: { wizard: ImportWizardState; preview: ImportPreview }) {
  const t = useT();
  const { wizard, preview } = props;
  const [form] = Form.useForm<BatchFormValues>();
  const [mappingError, setMappingError] = useState(false);

  const start = async () => {
    if (!wizard.fields.includes('secret')) {
      setMappingError(true);
      return;
    }
    const v = await form.validateFields();
    const settings: ImportSettings = {
      productId: wizard.productId,
      sheet: preview.sheet,
      headerRow: wizard.headerRow,
      fields: wizard.fields,
      batch: {
        supplier: v.supplier ?? '',
        unitCost: v.unitCost ?? '',
        purchasedDay: v.purchased ? v.purchased.format('YYYY-MM-DD') : undefined,
        expiryDay: v.expiry ? v.expiry.format('YYYY-MM-DD') : undefined,
        priority: v.priority ?? 0,
        note: v.note ?? '',
      },
      mode: v.mode,
    };
    void wizard.run(settings);
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Text strong data-testid="import-file-name">{preview.fileName}</Typography.Text>
          <Tag>{preview.format.toUpperCase()}</Tag>
        </Space>
        <Space wrap>
          {preview.sheets.length > 1 && (
            <Select
              style={{ width: 180 }}
              value={preview.sheet}
              onChange={(s: number) => wizard.changeSheet(s)}
              options={preview.sheets.map((s) => ({ value: s.index, label: t('inventory.import.sheet', { name: s.name }) }))}
              data-testid="import-sheet"
            />
          )}
          <Select
            style={{ width: 240 }}
            value={wizard.headerRow ?? NO_HEADER}
            onChange={(v: number) => wizard.setHeaderRow(v === NO_HEADER ? null : v)}
            popupMatchSelectWidth={false}
            options={[
              { value: NO_HEADER, label: t('inventory.import.noHeader') },
              ...preview.sampleRows.map((r) => ({ value: r.row, label: t('inventory.import.headerRow', { row: r.row, text: r.cells.filter(Boolean).slice(0, 3).join(' / ').slice(0, 30) }) })),
            ]}
            data-testid="import-header-row"
          />
        </Space>
      </Flex>
      {preview.previousImports.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-previous"
          title={t('inventory.import.previousTitle')}
          description={preview.previousImports.map((p) => t('inventory.import.previousLine', { time: formatTime(p.finishedAt), count: p.imported })).join(t('common.listSeparator'))}
        />
      )}
      {wizard.error && <Alert type="error" showIcon title={wizard.error} data-testid="import-error" />}
      {mappingError && !wizard.fields.includes('secret') && <Alert type="error" showIcon title={t('inventory.import.needSecret')} />}
      <Typography.Text type="secondary">{t('inventory.import.previewHelp')}</Typography.Text>
      <PreviewTable preview={preview} fields={wizard.fields} headerRow={wizard.headerRow} onField={(col, f) => wizard.setFields(assignField(wizard.fields, col, f))} />
      <Divider style={{ margin: '4px 0' }} />
      <BatchFields form={form} />
      <Flex justify="space-between" style={{ marginTop: 8 }}>
        <Button onClick={wizard.restart}>{t('inventory.import.chooseAgain')}</Button>
        <Button type="primary" onClick={() => void start().catch(() => undefined)} data-testid="import-start">
          {t('inventory.import.start')}
        </Button>
      </Flex>
    </Flex>
  );
}
