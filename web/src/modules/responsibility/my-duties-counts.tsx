import { Col, Row, Typography } from 'antd';
import type { MyDuties } from '#contracts/responsibility-me';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { type DutyFilter, filterCount } from './duty-logic.ts';

type Tile = { filter: Exclude<DutyFilter, 'all'>; key: MessageKey; colour: string };
const TILES: readonly Tile[] = [
  { filter: 'overdue', key: 'myDuties.countOverdue', colour: '#cf1322' },
  { filter: 'due_soon', key: 'myDuties.countDueSoon', colour: '#d46b08' },
  { filter: 'open', key: 'myDuties.countOpen', colour: '#1d39c4' },
  { filter: 'done', key: 'myDuties.countDone', colour: '#389e0d' },
];

/** The four counts, each a filter: tapping one shows only those duties, tapping it again shows all. */
export function MyDutiesCounts({
  counts,
  filter,
  onFilter,
}: {
  counts: MyDuties['counts'];
  filter: DutyFilter;
  onFilter: (filter: DutyFilter) => void;
}) {
  const t = useT();
  return (
    <Row gutter={[8, 8]} data-testid="duty-counts">
      {TILES.map((tile) => {
        const active = filter === tile.filter;
        const n = filterCount(counts, tile.filter);
        return (
          <Col key={tile.filter} xs={12} md={6}>
            <button
              type="button"
              aria-pressed={active}
              data-testid={`duty-count-${tile.filter}`}
              onClick={() => onFilter(active ? 'all' : tile.filter)}
              style={{
                width: '100%',
                minHeight: 68,
                padding: '8px 12px',
                textAlign: 'start',
                cursor: 'pointer',
                borderRadius: 8,
                border: `1px solid ${active ? tile.colour : '#f0f0f0'}`,
                boxShadow: active ? `inset 0 0 0 1px ${tile.colour}` : undefined,
                background: active ? `${tile.colour}0f` : '#fff',
                font: 'inherit',
              }}
            >
              <div
                style={{
                  fontSize: 24,
                  fontWeight: 600,
                  lineHeight: 1.2,
                  color: n > 0 ? tile.colour : '#8c8c8c',
                }}
              >
                {n}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t(tile.key)}
              </Typography.Text>
            </button>
          </Col>
        );
      })}
    </Row>
  );
}
