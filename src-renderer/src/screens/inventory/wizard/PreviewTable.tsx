import { Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportPreview } from '../../../../../src-shared/contract/methods/imports.js';
import { useT, type MessageKey } from '../../../i18n/index.js';
import { FIELD_ORDER, type FieldChoice } from './wizard-state.js';

type SampleRow = ImportPreview['sampleRows'][number];

export const fieldLabels: Record<FieldChoice, MessageKey> = {
  cardNo: 'inventory.field.cardNo',
  secret: 'inventory.field.secret',
  expiry: 'inventory.field.expiry',
  faceValue: 'inventory.field.faceValue',
  note: 'inventory.field.note',
  ignore: 'inventory.field.ignore',
};

const COLUMN_WIDTH = 150;

/**
 * The first rows as the core read them (secrets masked), with a field picker above each column.
 * The header row is highlighted; rows above it (titles, notes) are greyed because they are skipped.
 */
export function PreviewTable(props: { preview: ImportPreview; fields: FieldChoice[]; headerRow: number | null; onField(col: number, field: FieldChoice): void }) {
  const t = useT();
  const { preview, fields, headerRow } = props;
  const options = [...FIELD_ORDER, 'ignore' as const].map((f) => ({ value: f, label: t(fieldLabels[f]) }));
  const columns: ColumnsType<SampleRow> = [
    { title: t('inventory.import.rowNo'), dataIndex: 'row', width: 64, fixed: 'left', render: (v: number) => <Typography.Text type="secondary">{v}</Typography.Text> },
    ...fields.map((field, col) => ({
      key: String(col),
      width: COLUMN_WIDTH,
      ellipsis: true,
      title: (
        <Select<FieldChoice>
          size="small"
          value={field}
          onChange={(f) => props.onField(col, f)}
          options={options}
          style={{ width: '100%', fontWeight: field === 'ignore' ? 400 : 600 }}
          variant={field === 'ignore' ? 'outlined' : 'filled'}
          aria-label={t('inventory.import.columnN', { n: col + 1 })}
          data-testid={`import-field-${col}`}
        />
      ),
      render: (_: unknown, r: SampleRow) => r.cells[col] ?? '',
    })),
  ];
  return (
    <Table<SampleRow>
      data-testid="import-preview-table"
      size="small"
      bordered
      rowKey="row"
      columns={columns}
      dataSource={preview.sampleRows}
      pagination={false}
      scroll={{ x: 64 + fields.length * COLUMN_WIDTH, y: 240 }}
      onRow={(r) => ({
        style:
          r.row === headerRow
            ? { background: '#e8efff', fontWeight: 600 }
            : headerRow !== null && r.row < headerRow
              ? { color: 'rgba(0,0,0,0.35)' }
              : undefined,
        'data-header': r.row === headerRow ? 'true' : undefined,
      })}
    />
  );
}
