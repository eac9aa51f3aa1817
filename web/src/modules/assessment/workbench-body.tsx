import { ArrowDownOutlined, ArrowUpOutlined, TrophyOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ResultRow } from '#contracts/assessment';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useFusionUnit } from '../fusion/fusion-unit.tsx';
import { useCycles, useResults } from './assessment-api.ts';
import { cardCycles, rankMove, score2 } from './assessment-logic.ts';

const SHOWN = 3;

/** The rows worth a glance: all of one's own (a secretary sees few), else the best and the last. */
function glance(rows: readonly ResultRow[]): ResultRow[] {
  const ranked = rows.filter((r) => r.rank !== null);
  if (ranked.length <= SHOWN * 2) return ranked;
  return [...ranked.slice(0, SHOWN), ...ranked.slice(-SHOWN)];
}

export function RankCard() {
  const t = useT();
  const { unitId } = useFusionUnit();
  const cycles = useCycles(unitId);
  const { current, previous } = cardCycles(cycles.data ?? []);
  const now = useResults(current?.id);
  const before = useResults(previous?.id);
  const beforeRank = new Map((before.data ?? []).map((r) => [r.subjectId, r.rank]));
  const failed = cycles.isError ? cycles : now.isError ? now : null;
  return (
    <Card
      data-testid="workbench-assessment-rank"
      title={
        <Space>
          <TrophyOutlined />
          {t('assessment.card.title')}
        </Space>
      }
      extra={current && <Link to={`/assessment/cycles/${current.id}`}>{current.name}</Link>}
    >
      {failed ? (
        <QueryError error={failed.error} onRetry={() => void failed.refetch()} />
      ) : (
        <List
          size="small"
          loading={cycles.isPending || (!!current && now.isPending)}
          dataSource={glance(now.data ?? [])}
          locale={{ emptyText: current ? t('assessment.card.noRanked') : t('assessment.card.noCycle') }}
          renderItem={(r) => {
            const move = rankMove(r.rank, beforeRank.get(r.subjectId));
            return (
              <List.Item style={{ paddingInline: 0 }}>
                <Link
                  to={`/assessment/cycles/${current?.id}/results/${r.subjectId}`}
                  style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                >
                  {r.subjectName}
                </Link>
                <Space size={6} style={{ flexShrink: 0, marginInlineStart: 8 }}>
                  <Typography.Text data-testid="workbench-assessment-place">
                    {t('assessment.card.place', { rank: r.rank ?? '—', total: r.outOf })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{score2(r.total)}</Typography.Text>
                  {r.grade && <Tag style={{ marginInlineEnd: 0 }}>{r.grade.label}</Tag>}
                  {move !== null && move !== 0 && (
                    <Typography.Text type={move > 0 ? 'success' : 'danger'}>
                      {move > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
                      {Math.abs(move)}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
