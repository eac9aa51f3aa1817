import { Card, Col, Row } from 'antd';
import { Suspense } from 'react';
import { useLabel } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';
import { visibleCards, WORKBENCH_CARDS } from './workbench.ts';

/** The home page: the cards the modules contribute (workbench.ts), in a grid that is one column on a phone. */
export function WorkbenchPage() {
  const session = useSession();
  const label = useLabel();
  return (
    <Row gutter={[12, 12]} data-testid="workbench">
      {visibleCards(WORKBENCH_CARDS, session).map((card) => (
        <Col key={card.key} xs={24} lg={card.wide ? 24 : 12} data-testid={`workbench-${card.key}`}>
          <Suspense fallback={<Card loading title={label(card.title)} />}>
            <card.Card />
          </Suspense>
        </Col>
      ))}
    </Row>
  );
}
