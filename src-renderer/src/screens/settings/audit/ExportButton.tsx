import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import type { AuditFilter } from '../../../../../src-shared/contract/methods/audit.js';
import { call } from '../../../api/index.js';
import { useT } from '../../../i18n/index.js';
import { useSaveDownload } from '../../inventory/useSaveDownload.js';

/** 导出: the entries the filter shows (all pages), as Excel or CSV; the core audits the export itself. */
export function ExportButton(props: { filter: AuditFilter; disabled: boolean; onExported(): void }) {
  const t = useT();
  const save = useSaveDownload();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      await save(() => call('audit.export', { filters: props.filter, format }));
      props.onExported();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      disabled={props.disabled || busy}
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: <span data-testid="audit-export-xlsx">{t('audit.export.xlsx')}</span> },
          { key: 'csv', label: <span data-testid="audit-export-csv">{t('audit.export.csv')}</span> },
        ],
        onClick: ({ key }) => void run(key as 'xlsx' | 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="audit-export">
        {t('audit.export.button')}
      </Button>
    </Dropdown>
  );
}
