import { Button, DatePicker, Input, Select, Space } from 'antd';
import { useState } from 'react';
import type { AuditFacet, AuditFacets } from '../../../../../src-shared/contract/methods/audit.js';
import { useT } from '../../../i18n/index.js';
import { isFiltered, NO_FILTER, type AuditFilterValues } from './filter.js';
import { useAuditWords } from './labels.js';

interface Option {
  value: string;
  label: string;
  /** Lower-case label and machine name: the search box finds 发货 and dispatch alike. */
  search: string;
}

function options(facets: AuditFacet[] | undefined, name: (value: string) => string, withCount: (label: string, count: number) => string): Option[] {
  return (facets ?? []).map((f) => ({ value: f.value, label: withCount(name(f.value), f.count), search: `${name(f.value)} ${f.value}`.toLowerCase() }));
}

const matches = (input: string, option?: Option) => option !== undefined && option.search.includes(input.trim().toLowerCase());

/**
 * 操作人, 操作 (several, searchable in Chinese), 对象 (type, then id on Enter) and a time range in Beijing
 * time. Every choice but the typed id applies at once; the choices offered are what the log holds.
 */
export function AuditFilters(props: { value: AuditFilterValues; facets: AuditFacets | undefined; onChange(next: AuditFilterValues): void }) {
  const t = useT();
  const words = useAuditWords();
  const { value, onChange } = props;
  // The typed id is a draft until Enter; when the applied id changes (cleared, 定位) the draft follows it.
  const [objectId, setObjectId] = useState(value.objectId);
  const [applied, setApplied] = useState(value.objectId);
  if (applied !== value.objectId) {
    setApplied(value.objectId);
    setObjectId(value.objectId);
  }
  const withCount = (label: string, count: number) => t('audit.filter.option', { label, count: count.toLocaleString('zh-CN') });

  return (
    <Space wrap size={[8, 8]} data-testid="audit-filters">
      <Select<string, Option>
        allowClear
        style={{ width: 120 }}
        placeholder={t('audit.filter.allActors')}
        aria-label={t('audit.col.actor')}
        value={value.actor}
        onChange={(actor) => onChange({ ...value, actor })}
        options={options(props.facets?.actors, words.actor, withCount)}
        popupMatchSelectWidth={false}
        data-testid="audit-filter-actor"
      />
      <Select<string[], Option>
        mode="multiple"
        allowClear
        showSearch={{ filterOption: matches }}
        maxTagCount="responsive"
        style={{ width: 290 }}
        placeholder={t('audit.filter.actions')}
        aria-label={t('audit.col.action')}
        value={value.actions}
        onChange={(actions) => onChange({ ...value, actions })}
        options={options(props.facets?.actions, words.action, withCount)}
        popupMatchSelectWidth={false}
        data-testid="audit-filter-action"
      />
      <Space.Compact>
        <Select<string, Option>
          allowClear
          style={{ width: 120 }}
          placeholder={t('audit.filter.allObjects')}
          aria-label={t('audit.col.object')}
          value={value.objectType}
          onChange={(objectType) => onChange({ ...value, objectType, ...(objectType === undefined && { objectId: '' }) })}
          options={options(props.facets?.objectTypes, words.object, withCount)}
          popupMatchSelectWidth={false}
          data-testid="audit-filter-object-type"
        />
        <Input.Search
          allowClear
          style={{ width: 160 }}
          disabled={value.objectType === undefined}
          placeholder={t(value.objectType === undefined ? 'audit.filter.objectIdNeedsType' : 'audit.filter.objectId')}
          aria-label={t('audit.filter.objectId')}
          value={objectId}
          maxLength={80}
          onChange={(e) => setObjectId(e.target.value)}
          onSearch={(text) => onChange({ ...value, objectId: text.trim() })}
          data-testid="audit-filter-object-id"
        />
      </Space.Compact>
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        allowEmpty={[true, true]}
        style={{ width: 300 }}
        value={value.range}
        placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
        onChange={(range) => onChange({ ...value, range: range && (range[0] || range[1]) ? range : null })}
        data-testid="audit-filter-range"
      />
      {isFiltered(value) && (
        <Button type="link" onClick={() => onChange(NO_FILTER)} data-testid="audit-filter-clear">
          {t('audit.filter.clear')}
        </Button>
      )}
    </Space>
  );
}
