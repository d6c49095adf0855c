import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { ReportName } from '../../../../src-shared/contract/methods/reports.js';
import { call } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useSaveDownload } from '../inventory/useSaveDownload.js';
import { toReportFilter, type ReportFilterValues } from './filters.js';

/**
 * 导出 Excel of one report with the filters on screen, or 导出对账单 (every line, keys masked). The core
 * builds the file and audits the export; the browser saves it like any download.
 */
export function ExportButton(props: { name: ReportName; filter: ReportFilterValues; groupBy?: 'day' | 'product' | 'shop'; disabled?: boolean }) {
  const t = useT();
  const save = useSaveDownload();
  const [busy, setBusy] = useState(false);
  const statement = props.name === 'statement';
  const run = async () => {
    setBusy(true);
    try {
      await save(() => call('reports.export', { ...toReportFilter(props.filter), name: props.name, ...(props.groupBy && { groupBy: props.groupBy }) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={statement ? <FileExcelOutlined /> : <DownloadOutlined />}
      loading={busy}
      disabled={props.disabled}
      onClick={() => void run()}
      data-testid={statement ? 'reports-statement' : `reports-export-${props.name}`}
    >
      {t(statement ? 'reports.statement.button' : 'reports.export.button')}
    </Button>
  );
}
