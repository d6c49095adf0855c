import { Flex, Tag } from 'antd';
import type { LineStatus } from '../../../../src-shared/contract/methods/orders.js';
import { useT } from '../../i18n/index.js';
import { withProblems, withStatus, type OrderFilterValues } from './filter.js';
import { LINE_STATUSES, PROBLEM_STATUSES } from './labels.js';

/**
 * How many lines are in each status (the core's `counts`), as chips that filter on click: 全部, the
 * problem queue, then every status that has lines.
 */
export function StatusChips(props: { counts: Record<string, number>; value: OrderFilterValues; onChange(next: OrderFilterValues): void }) {
  const t = useT();
  const { counts, value, onChange } = props;
  const count = (s: LineStatus) => counts[s] ?? 0;
  const all = LINE_STATUSES.reduce((sum, s) => sum + count(s), 0);
  const problems = PROBLEM_STATUSES.reduce((sum, s) => sum + count(s), 0);
  const shown = LINE_STATUSES.filter((s) => count(s) > 0 || value.status === s);

  return (
    <Flex wrap gap={6} data-testid="orders-status-chips">
      <Tag.CheckableTag checked={!value.status && !value.problems} onChange={() => onChange(withStatus(value, undefined))} data-testid="orders-chip-all">
        {t('orders.chip', { label: t('orders.all'), count: all.toLocaleString('zh-CN') })}
      </Tag.CheckableTag>
      <Tag.CheckableTag
        checked={value.problems}
        onChange={(on) => onChange(withProblems(value, on))}
        style={problems > 0 && !value.problems ? { color: '#d46b08' } : undefined}
        data-testid="orders-chip-problems"
      >
        {t('orders.chip', { label: t('orders.problems'), count: problems.toLocaleString('zh-CN') })}
      </Tag.CheckableTag>
      {shown.map((s) => (
        <Tag.CheckableTag key={s} checked={value.status === s} onChange={(on) => onChange(withStatus(value, on ? s : undefined))} data-testid={`orders-chip-${s}`}>
          {t('orders.chip', { label: t(`orders.status.${s}`), count: count(s).toLocaleString('zh-CN') })}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}
