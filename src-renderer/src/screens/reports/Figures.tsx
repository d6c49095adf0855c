import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import type { ReactNode } from 'react';

export interface Figure {
  key: string;
  title: string;
  /** Already formatted (money, percent), or a count. */
  value: string | number;
  help?: string;
  color?: string | undefined;
}

/** A row of headline numbers for a report: equal cards that wrap on a narrow window. */
export function Figures(props: { figures: Figure[]; loading: boolean; testId: string }) {
  return (
    <Row gutter={[12, 12]} data-testid={props.testId}>
      {props.figures.map((f) => {
        const title: ReactNode = f.help ? <Tooltip title={f.help}><span style={{ borderBottom: '1px dashed rgba(0,0,0,0.25)' }}>{f.title}</span></Tooltip> : f.title;
        return (
          <Col key={f.key} flex="1 1 150px">
            <Card size="small">
              <Statistic
                title={title}
                value={f.value}
                loading={props.loading}
                groupSeparator=","
                styles={{ content: { fontSize: 20, color: f.color } }}
                data-testid={`${props.testId}-${f.key}`}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
