import { DragOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import { type DragEvent, useState } from 'react';
import {
  type Need,
  RESOURCE_KIND_LABELS,
  type Resource,
  type Suggestion,
  URGENCY_LABELS,
} from '#contracts/fusion';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { KIND_COLOUR, URGENCY_COLOUR } from './fusion-labels.ts';
import {
  freeSlots,
  type MatchOption,
  pointsText,
  RESOURCE_DRAG_TYPE,
  reasonWording,
  resourceFromDrop,
} from './fusion-logic.ts';
import { KeywordTags } from './fusion-tags.tsx';

// The cards of the matching board: a need (a drop target for resource cards), a resource (draggable, with a
// 「匹配到…」 select for phones and keyboards) and a suggestion with its explanation and score.

export type Pair = { need: Need; resource: Resource; suggestion: Suggestion | null };

export function ReasonLines({ suggestion }: { suggestion: Suggestion }) {
  const t = useT();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="suggestion-reasons">
      {suggestion.reasons.map((reason, i) => {
        const wording = reasonWording(reason);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the server's lines in its order, never reordered here
          <li key={i} data-testid="suggestion-reason" data-kind={reason.kind}>
            {t(wording.key, wording.vars)}
            {reason.points !== 0 && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                {pointsText(reason.points)}
              </Typography.Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function NeedCard({
  need,
  suggested,
  focused,
  droppable,
  onFocus,
  onDropResource,
}: {
  need: Need;
  /** How many suggestions the board has for it. */
  suggested: number;
  focused: boolean;
  droppable: boolean;
  onFocus: () => void;
  onDropResource: (resourceId: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const [over, setOver] = useState(false);
  const accepts = (e: DragEvent) => droppable && e.dataTransfer.types.includes(RESOURCE_DRAG_TYPE);
  return (
    <Card
      size="small"
      data-testid="board-need"
      data-need-id={need.id}
      onClick={onFocus}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'link';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        if (!droppable) return;
        e.preventDefault();
        const id = resourceFromDrop([...e.dataTransfer.types], (type) => e.dataTransfer.getData(type));
        if (id) onDropResource(id);
      }}
      style={{
        cursor: 'pointer',
        borderColor: over ? '#b71c1c' : focused ? '#d4380d' : undefined,
        borderStyle: over ? 'dashed' : undefined,
        background: over ? '#fff1f0' : undefined,
      }}
    >
      <Flex vertical gap={4}>
        <Space size={4} wrap>
          {need.urgency !== 'normal' && (
            <Tag color={URGENCY_COLOUR[need.urgency]}>{label(URGENCY_LABELS[need.urgency])}</Tag>
          )}
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {need.title}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[need.departmentName, need.raisedOn, need.kpiName].filter(Boolean).join(' · ')}
        </Typography.Text>
        <KeywordTags tags={need.tags} maxWidth={600} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {suggested > 0 ? t('fusion.board.suggestedFor', { n: suggested }) : t('fusion.board.noneFor')}
          {droppable && ` · ${t('fusion.board.dropHint')}`}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

export function ResourceCard({
  resource,
  matchable,
  options,
  onMatch,
}: {
  resource: Resource;
  matchable: boolean;
  options: readonly MatchOption[];
  onMatch: (needId: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const free = freeSlots(resource);
  return (
    <Card
      size="small"
      data-testid="board-resource"
      data-resource-id={resource.id}
      draggable={matchable}
      onDragStart={(e) => {
        e.dataTransfer.setData(RESOURCE_DRAG_TYPE, resource.id);
        e.dataTransfer.effectAllowed = 'link';
      }}
      style={{ cursor: matchable ? 'grab' : undefined }}
    >
      <Flex vertical gap={4}>
        <Space size={4} wrap>
          {matchable && <DragOutlined style={{ color: '#8c8c8c' }} aria-hidden />}
          <Tag color={KIND_COLOUR[resource.kind]}>{label(RESOURCE_KIND_LABELS[resource.kind])}</Tag>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {resource.title}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[resource.partyOrgName, resource.memberName ?? resource.partnerOrgName]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        <KeywordTags tags={resource.tags} maxWidth={600} />
        <Typography.Text type={free === 0 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {t('fusion.board.free', { free, capacity: resource.capacity })}
        </Typography.Text>
        {matchable && (
          <Select<string | null>
            size="small"
            value={null}
            placeholder={t('fusion.board.matchTo')}
            onChange={(needId) => needId && onMatch(needId)}
            options={options.map((o) => ({
              value: o.needId,
              label:
                o.score === null
                  ? o.title
                  : t('fusion.board.matchScored', { title: o.title, score: o.score }),
            }))}
            notFoundContent={t('fusion.board.noOpenNeeds')}
            style={{ width: '100%' }}
            aria-label={t('fusion.board.matchTo')}
            data-testid="board-match-to"
            onClick={(e) => e.stopPropagation()}
          />
        )}
      </Flex>
    </Card>
  );
}

export function SuggestionCard({
  pair,
  mayDecide,
  onAccept,
  onDecline,
}: {
  pair: Pair & { suggestion: Suggestion };
  mayDecide: boolean;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { need, resource, suggestion } = pair;
  return (
    <Card
      size="small"
      data-testid="board-suggestion"
      data-need-id={need.id}
      data-resource-id={resource.id}
      title={
        <div style={{ whiteSpace: 'normal' }}>
          {need.urgency !== 'normal' && (
            <Tag color={URGENCY_COLOUR[need.urgency]}>{label(URGENCY_LABELS[need.urgency])}</Tag>
          )}
          {need.title}
        </div>
      }
      extra={
        <span data-testid="suggestion-score" title={t('fusion.board.scoreTitle')}>
          <Typography.Text strong style={{ fontSize: 18, color: '#b71c1c' }}>
            {suggestion.score}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {t('fusion.board.points')}
          </Typography.Text>
        </span>
      }
    >
      <Flex vertical gap={6}>
        <div>
          <Typography.Text type="secondary">{t('fusion.board.takenBy')}</Typography.Text>
          <Tag color={KIND_COLOUR[resource.kind]} style={{ marginInlineStart: 4 }}>
            {label(RESOURCE_KIND_LABELS[resource.kind])}
          </Tag>
          <Typography.Text strong>{resource.title}</Typography.Text>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[need.departmentName, resource.partyOrgName, resource.memberName ?? resource.partnerOrgName]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        <ReasonLines suggestion={suggestion} />
        {mayDecide && (
          <Space wrap>
            <Button type="primary" size="small" onClick={onAccept} data-testid="suggestion-accept">
              {t('fusion.board.accept')}
            </Button>
            <Button size="small" onClick={onDecline} data-testid="suggestion-decline">
              {t('fusion.board.decline')}
            </Button>
          </Space>
        )}
      </Flex>
    </Card>
  );
}
