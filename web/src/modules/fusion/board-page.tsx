import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, Flex, Row, Space, Tabs, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Board } from '#contracts/fusion';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { AcceptPairDialog, DeclinePairDialog } from './board-dialogs.tsx';
import { NeedCard, type Pair, ResourceCard, SuggestionCard } from './board-parts.tsx';
import { useBoard } from './fusion-api.ts';
import { boardPairs, matchOptions } from './fusion-logic.ts';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';

// 匹配看板: the organ's open needs, its active resources and the pairs the server suggests, each explained. The
// committee's officer accepts a suggestion, or drags a resource card onto a need card (or picks the need in the
// resource card's 「匹配到…」 select), and the pair becomes a project draft; a declined pair is not offered again
// until its facts change.

type Decision = { pair: Pair; kind: 'accept' | 'decline' } | null;

function Column({
  title,
  count,
  scroll,
  children,
}: {
  title: string;
  count: number;
  /** Side by side, each column scrolls on its own; on a tab (a phone) the page scrolls. */
  scroll: boolean;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={
        <Space>
          {title}
          <Badge count={count} showZero color="#8c8c8c" />
        </Space>
      }
      styles={{
        body: scroll ? { padding: 8, maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' } : { padding: 8 },
      }}
    >
      {children}
    </Card>
  );
}

function EmptyHint({ text, link, linkText }: { text: string; link?: string; linkText?: string }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Space orientation="vertical" size={4}>
          <span>{text}</span>
          {link && linkText && <Link to={link}>{linkText}</Link>}
        </Space>
      }
    />
  );
}

export function BoardPage() {
  const t = useT();
  const screens = useScreens();
  const mayDecide = useCan()('fusion.manage');
  const { unitId, units, setUnit } = useFusionUnit();
  const board = useBoard(unitId);
  const [focus, setFocus] = useState<string | null>(null);
  const [decision, setDecision] = useState<Decision>(null);
  const data: Board | undefined = board.data;
  const pairs = useMemo(() => (data ? boardPairs(data) : []), [data]);
  const perNeed = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of pairs) counts.set(p.need.id, (counts.get(p.need.id) ?? 0) + 1);
    return counts;
  }, [pairs]);
  const shown = focus ? pairs.filter((p) => p.need.id === focus) : pairs;
  const focusedNeed = data?.needs.find((n) => n.id === focus) ?? null;
  const unitQuery = unitId && units.length > 1 ? `?unit=${unitId}` : '';
  const wide = screens.lg === true;

  const pairOf = (needId: string, resourceId: string): Pair | null => {
    const need = data?.needs.find((n) => n.id === needId);
    const resource = data?.resources.find((r) => r.id === resourceId);
    if (!need || !resource) return null;
    const suggestion =
      data?.suggestions.find((s) => s.needId === needId && s.resourceId === resourceId) ?? null;
    return { need, resource, suggestion };
  };
  const acceptPair = (needId: string, resourceId: string) => {
    const pair = pairOf(needId, resourceId);
    if (pair) setDecision({ pair, kind: 'accept' });
  };

  const needsColumn = (
    <Column title={t('fusion.board.needs')} count={data?.needs.length ?? 0} scroll={wide}>
      {data && data.needs.length === 0 ? (
        <EmptyHint
          text={t('fusion.board.noNeeds')}
          link={`/fusion/needs${unitQuery}`}
          linkText={t('fusion.board.toNeeds')}
        />
      ) : (
        <Flex vertical gap={8} data-testid="board-needs">
          {data?.needs.map((need) => (
            <NeedCard
              key={need.id}
              need={need}
              suggested={perNeed.get(need.id) ?? 0}
              focused={focus === need.id}
              droppable={mayDecide}
              onFocus={() => setFocus(focus === need.id ? null : need.id)}
              onDropResource={(resourceId) => acceptPair(need.id, resourceId)}
            />
          ))}
        </Flex>
      )}
    </Column>
  );

  const suggestionsColumn = (
    <Column title={t('fusion.board.suggestions')} count={shown.length} scroll={wide}>
      {focusedNeed && (
        <Alert
          type="info"
          style={{ marginBottom: 8 }}
          title={t('fusion.board.focused', { title: focusedNeed.title })}
          action={
            <Button size="small" type="link" onClick={() => setFocus(null)}>
              {t('fusion.board.showAll')}
            </Button>
          }
        />
      )}
      {data && shown.length === 0 ? (
        <EmptyHint
          text={
            data.needs.length === 0 || data.resources.length === 0
              ? t('fusion.board.noSuggestionsYet')
              : t('fusion.board.noSuggestions')
          }
        />
      ) : (
        <Flex vertical gap={8} data-testid="board-suggestions">
          {shown.map((pair) => (
            <SuggestionCard
              key={`${pair.need.id}:${pair.resource.id}`}
              pair={pair}
              mayDecide={mayDecide}
              onAccept={() => setDecision({ pair, kind: 'accept' })}
              onDecline={() => setDecision({ pair, kind: 'decline' })}
            />
          ))}
        </Flex>
      )}
    </Column>
  );

  const resourcesColumn = (
    <Column title={t('fusion.board.resources')} count={data?.resources.length ?? 0} scroll={wide}>
      {data && data.resources.length === 0 ? (
        <EmptyHint
          text={t('fusion.board.noResources')}
          link={`/fusion/resources${unitQuery}`}
          linkText={t('fusion.board.toResources')}
        />
      ) : (
        <Flex vertical gap={8} data-testid="board-resources">
          {data?.resources.map((resource) => (
            <ResourceCard
              key={resource.id}
              resource={resource}
              matchable={mayDecide}
              options={data ? matchOptions(resource.id, data) : []}
              onMatch={(needId) => acceptPair(needId, resource.id)}
            />
          ))}
        </Flex>
      )}
    </Column>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="board-page">
      <Card
        size="small"
        title={t('fusion.board.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void board.refetch()}
              loading={board.isFetching}
              aria-label={t('common.refresh')}
            />
          </Space>
        }
      >
        <Typography.Text type="secondary">
          {mayDecide
            ? t(wide ? 'fusion.board.introManage' : 'fusion.board.introPhone')
            : t('fusion.board.intro')}
        </Typography.Text>
      </Card>
      {board.isError && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
      {board.isPending && unitId ? (
        <Card loading />
      ) : wide ? (
        <Row gutter={12}>
          <Col span={8}>{needsColumn}</Col>
          <Col span={8}>{suggestionsColumn}</Col>
          <Col span={8}>{resourcesColumn}</Col>
        </Row>
      ) : (
        <Tabs
          defaultActiveKey="suggestions"
          items={[
            { key: 'suggestions', label: t('fusion.board.suggestions'), children: suggestionsColumn },
            { key: 'needs', label: t('fusion.board.needs'), children: needsColumn },
            { key: 'resources', label: t('fusion.board.resources'), children: resourcesColumn },
          ]}
          data-testid="board-tabs"
        />
      )}
      {decision?.kind === 'accept' && (
        <AcceptPairDialog pair={decision.pair} onClose={() => setDecision(null)} />
      )}
      {decision?.kind === 'decline' && (
        <DeclinePairDialog pair={decision.pair} onClose={() => setDecision(null)} />
      )}
    </Space>
  );
}
