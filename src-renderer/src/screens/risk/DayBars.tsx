import { Flex, Tooltip, Typography } from 'antd';
import { formatDate } from '../../../../src-shared/format.js';

const DAY = 86_400_000;

/**
 * Every Beijing day of the last `days` up to `now`, with the count the core gave for it (0 when it
 * listed no such day), so the bars share one axis however sparse the hits are. A window of N × 24 h
 * touches N + 1 calendar days: the oldest is kept only when it had hits.
 */
export function fillDays(given: { day: string; value: number }[], days: number, now: number): { day: string; value: number }[] {
  const byDay = new Map(given.map((d) => [d.day, d.value]));
  const all = Array.from({ length: days + 1 }, (_, i) => {
    const day = formatDate(now - (days - i) * DAY);
    return { day, value: byDay.get(day) ?? 0 };
  });
  return all[0]!.value === 0 ? all.slice(1) : all;
}

/**
 * A small bar chart of counts per day, in plain boxes (no chart library): the height shows the day's
 * count against the busiest day, a tooltip gives the number.
 */
export function DayBars(props: { days: { day: string; value: number }[]; height?: number; color?: string; label: (day: string, value: number) => string; testId?: string; axis?: boolean }) {
  const height = props.height ?? 64;
  const max = Math.max(1, ...props.days.map((d) => d.value));
  const first = props.days[0]?.day;
  const last = props.days[props.days.length - 1]?.day;
  return (
    <div data-testid={props.testId}>
      <Flex align="flex-end" gap={2} style={{ height, borderBottom: '1px solid rgba(0,0,0,0.15)' }}>
        {props.days.map((d) => (
          <Tooltip key={d.day} title={props.label(d.day, d.value)}>
            <div
              data-day={d.day}
              data-value={d.value}
              style={{
                flex: '1 1 0',
                minWidth: 3,
                height: d.value === 0 ? 1 : Math.max(3, Math.round((d.value / max) * height)),
                background: d.value === 0 ? 'rgba(0,0,0,0.12)' : (props.color ?? '#1f5eff'),
                borderRadius: '2px 2px 0 0',
              }}
            />
          </Tooltip>
        ))}
      </Flex>
      {props.axis !== false && first && last && first !== last && (
        <Flex justify="space-between">
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {first.slice(5)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {last.slice(5)}
          </Typography.Text>
        </Flex>
      )}
    </div>
  );
}
