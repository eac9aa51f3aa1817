import { BellOutlined } from '@ant-design/icons';
import { App, Button, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RaterGroupKey, RatingRound } from '#contracts/assessment-rating';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useAddRaters, useRaterCandidates, useRatingProgress, useRemindRaters } from './rating-api.ts';

// Raters by group and the progress: the organiser picks accounts for a group (each rates every subject but their own
// organisation), sees per group how many submitted, per rater only 已提交 / 未提交 — never a score — and reminds those
// not yet submitted through the notification centre.

const GROUPS: readonly RaterGroupKey[] = ['superior', 'peer', 'public'];

function AddRaters({ round }: { round: RatingRound }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [group, setGroup] = useState<RaterGroupKey>('superior');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const candidates = useRaterCandidates(round.id, q);
  const add = useAddRaters(round.id);
  return (
    <Space wrap style={{ width: '100%' }} data-testid="rating-add-raters">
      <Select<RaterGroupKey>
        value={group}
        onChange={setGroup}
        style={{ width: 110 }}
        options={GROUPS.map((g) => ({ value: g, label: t(`assessment.rating.group.${g}`) }))}
      />
      <Select
        mode="multiple"
        showSearch
        filterOption={false}
        onSearch={setQ}
        value={picked}
        onChange={setPicked}
        placeholder={t('assessment.rating.search')}
        loading={candidates.isFetching}
        style={{ minWidth: 240, maxWidth: '100%' }}
        options={(candidates.data ?? []).map((c) => ({
          value: c.userId,
          disabled: c.alreadyIn !== null,
          label: `${c.name}${c.orgName ? `（${c.orgName}）` : ''}${
            c.alreadyIn
              ? ` · ${t('assessment.rating.already', { group: t(`assessment.rating.group.${c.alreadyIn}`) })}`
              : ''
          }`,
        }))}
      />
      <Button
        type="primary"
        disabled={picked.length === 0 || round.status === 'closed'}
        loading={add.isPending}
        onClick={() =>
          add.mutate(
            { group, userIds: picked },
            {
              onSuccess: () => {
                setPicked([]);
                message.success(t('assessment.rating.added'));
              },
              onError: (e) => showError(e),
            },
          )
        }
      >
        {t('assessment.rating.add')}
      </Button>
      <Typography.Text type="secondary">{t('assessment.rating.defaultSubjects')}</Typography.Text>
    </Space>
  );
}

export function RatersPanel({ round }: { round: RatingRound }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const progress = useRatingProgress(round.id);
  const remind = useRemindRaters(round.id);
  const raters = progress.data?.raters ?? [];
  const waiting = raters.filter((r) => !r.submitted).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {round.status !== 'closed' && <AddRaters round={round} />}
      <Space wrap>
        {(progress.data?.round.groups ?? round.groups).map((g) => (
          <Tag key={g.group} color={g.thin ? 'orange' : 'blue'} data-testid={`rating-group-${g.group}`}>
            {t('assessment.rating.groupLine', {
              group: t(`assessment.rating.group.${g.group}`),
              submitted: g.submitted,
              raters: g.raters,
            })}
            {g.thin ? ` · ${t('assessment.rating.thin')}` : ''}
          </Tag>
        ))}
        {round.status === 'open' && (
          <Button
            icon={<BellOutlined />}
            disabled={waiting === 0}
            loading={remind.isPending}
            data-testid="rating-remind"
            onClick={() =>
              remind.mutate(undefined, {
                onSuccess: (r) => message.success(t('assessment.rating.reminded', { n: r.reminded })),
                onError: (e) => showError(e),
              })
            }
          >
            {t('assessment.rating.remind')}
          </Button>
        )}
      </Space>
      <Typography.Text type="secondary">{t('assessment.rating.noScores')}</Typography.Text>
      {progress.isError ? (
        <QueryError error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <List
          size="small"
          loading={progress.isPending}
          dataSource={raters}
          locale={{ emptyText: t('assessment.rating.noRaters') }}
          data-testid="rating-raters"
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Space wrap size={6}>
                <Typography.Text>{r.name}</Typography.Text>
                <Tag>{t(`assessment.rating.group.${r.group}`)}</Tag>
                <Typography.Text type="secondary">
                  {t('assessment.rating.subjects', { n: r.subjects })}
                </Typography.Text>
              </Space>
              <Space size={6} style={{ flexShrink: 0 }}>
                {r.remindedAt && !r.submitted && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('assessment.rating.remindedAt', { at: formatDateTime(r.remindedAt) })}
                  </Typography.Text>
                )}
                <Tag color={r.submitted ? 'green' : 'default'}>
                  {r.submitted ? t('assessment.rating.submitted') : t('assessment.rating.waiting')}
                </Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
