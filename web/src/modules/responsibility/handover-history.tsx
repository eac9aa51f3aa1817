// The record of handovers: who passed what to whom, when, and how much of it the successor has acknowledged.
import { Progress, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Handover } from '#contracts/handover';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { acknowledgedPercent } from './handover-entries.ts';
import { EntryGroups } from './handover-parts.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { useHandovers } from './responsibility-api.ts';

export function HandoverHistory() {
  const t = useT();
  const handovers = useHandovers();
  const screens = useScreens();
  const [open, setOpen] = useState<string | null>(null);
  const rows = (handovers.data ?? []).filter((h) => h.kind === 'handover');

  const columns: Column<Handover>[] = [
    {
      key: 'who',
      title: t('rs.delegation.who'),
      primary: true,
      render: (h) => t('rs.handover.fromTo', { from: h.fromMemberName, to: h.toMemberName }),
    },
    { key: 'post', title: t('rs.handover.post'), render: (h) => h.post },
    { key: 'startsOn', title: t('rs.handover.startsOn'), render: (h) => h.startsOn },
    {
      key: 'by',
      title: t('rs.handover.by'),
      render: (h) => (
        <span>
          {h.createdByName}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
            {formatDateTime(h.completedAt ?? h.createdAt)}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'ack',
      title: t('rs.handover.ackProgress'),
      render: (h) =>
        h.entries.length === 0 ? (
          <Tag>{t('rs.handover.nothingPassed')}</Tag>
        ) : (
          <div style={{ minWidth: 160 }}>
            <Progress percent={acknowledgedPercent(h)} size="small" style={{ marginBottom: 0 }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('rs.handover.ackCount', { done: h.acknowledged, n: h.entries.length })}
            </Typography.Text>
          </div>
        ),
    },
    { key: 'reason', title: t('rs.handover.reason'), render: (h) => h.reason, tableOnly: true },
  ];

  return (
    <>
      {handovers.isError && <QueryError error={handovers.error} onRetry={() => void handovers.refetch()} />}
      <ResponsiveTable<Handover>
        rowKey={(h) => h.id}
        columns={columns}
        dataSource={rows}
        loading={handovers.isFetching}
        emptyText={t('rs.handover.noHistory')}
        onRowClick={(h) => setOpen(open === h.id ? null : h.id)}
        expandable={{
          expandedRowKeys: open ? [open] : [],
          onExpand: (expanded, h) => setOpen(expanded ? h.id : null),
          rowExpandable: (h) => h.entries.length > 0,
          expandedRowRender: (h) => <EntryGroups entries={h.entries} showAcknowledged />,
        }}
        data-testid="handover-history"
      />
      {/* On narrow screens the cards have no expandable rows: the chosen handover's entries show below. */}
      {open && screens.md === false && <NarrowEntries handover={rows.find((h) => h.id === open) ?? null} />}
    </>
  );
}

function NarrowEntries({ handover }: { handover: Handover | null }) {
  const t = useT();
  if (!handover) return null;
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Title level={5}>
        {t('rs.handover.entriesOf', { from: handover.fromMemberName })}
      </Typography.Title>
      <EntryGroups entries={handover.entries} showAcknowledged />
    </div>
  );
}
