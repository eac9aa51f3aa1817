// 承接上级要点: picks an issued item of a higher list of the same year, or one of the work committee's work points,
// for the new duty to take up. What this list has already taken up is shown but cannot be picked twice.
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Modal, Tabs, Tag, Typography } from 'antd';
import type { Domain, ListDetail } from '#contracts/responsibility';
import type { TakeUpCandidates } from '#contracts/responsibility-me';
import { http } from '../../api/http.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { DomainTag, LevelTag } from './lists-labels.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { respKeys } from './responsibility-api.ts';

export type TakeUp = {
  kind: 'item' | 'work_point';
  id: string;
  domain: Domain;
  category: string;
  title: string;
  detail: string | null;
  weight: number;
};

type Row = TakeUp & { source: string; level: ListDetail['level'] | null; taken: boolean };

export function TakeUpPicker({
  list,
  onPick,
  onClose,
}: {
  list: ListDetail;
  onPick: (picked: TakeUp) => void;
  onClose: () => void;
}) {
  const t = useT();
  // The server offers what this list may take up, including items of higher lists the reader cannot open.
  const candidates = useQuery({
    queryKey: [...respKeys.list(list.id), 'candidates'],
    queryFn: ({ signal }) =>
      http.get<TakeUpCandidates>(`/api/responsibility/lists/${list.id}/candidates`, undefined, signal),
  });
  const itemRows: Row[] = (candidates.data?.items ?? []).map((item) => ({
    kind: 'item',
    id: item.id,
    domain: item.domain,
    category: item.category,
    title: item.title,
    detail: item.detail,
    weight: item.weight,
    source: item.listTitle,
    level: item.level,
    taken: item.taken,
  }));
  const pointRows: Row[] = (candidates.data?.workPoints ?? []).map((p) => ({
    kind: 'work_point',
    id: p.id,
    domain: p.domain,
    category: p.category,
    title: p.title,
    detail: p.detail,
    weight: p.weight,
    source: t('rs.takeUp.workPointSeq', { n: p.seq }),
    level: null,
    taken: p.taken,
  }));

  const columns: Column<Row>[] = [
    {
      key: 'title',
      title: t('rs.item.name'),
      primary: true,
      render: (r) => (
        <div style={{ maxWidth: 380, whiteSpace: 'normal' }}>
          <DomainTag domain={r.domain} />
          <Typography.Text type="secondary">{r.category}</Typography.Text>
          <div>{r.title}</div>
        </div>
      ),
    },
    {
      key: 'source',
      title: t('rs.takeUp.source'),
      render: (r) => (
        <span>
          <LevelTag level={r.level} />
          {r.source}
        </span>
      ),
    },
    {
      key: 'pick',
      title: t('common.actions'),
      actions: true,
      render: (r) =>
        r.taken ? (
          <Tag>{t('rs.takeUp.taken')}</Tag>
        ) : (
          <Button size="small" type="primary" onClick={() => onPick(r)} data-testid={`take-up-${r.id}`}>
            {t('rs.takeUp.pick')}
          </Button>
        ),
    },
  ];
  const loadingItems = candidates.isLoading;
  const failed = candidates.error;

  return (
    <Modal
      open
      title={t('rs.takeUp.title', { year: list.year })}
      onCancel={onClose}
      footer={null}
      width={1000}
    >
      {failed && <QueryError error={failed} />}
      <Tabs
        items={[
          {
            key: 'items',
            label: t('rs.takeUp.tabItems', { n: itemRows.length }),
            children:
              !loadingItems && itemRows.length === 0 ? (
                <Empty description={t('rs.takeUp.noItems')} />
              ) : (
                <ResponsiveTable<Row>
                  rowKey={(r) => r.id}
                  columns={columns}
                  dataSource={itemRows}
                  loading={loadingItems}
                />
              ),
          },
          {
            key: 'points',
            label: t('rs.takeUp.tabPoints', { n: pointRows.length }),
            children: (
              <ResponsiveTable<Row>
                rowKey={(r) => r.id}
                columns={columns}
                dataSource={pointRows}
                loading={candidates.isLoading}
                emptyText={t('rs.takeUp.noPoints', { year: list.year })}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
