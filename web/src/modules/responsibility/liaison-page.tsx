// 联系点: leading group members' contact branches (党组成员联系支部) and the branches' liaison officers (联络员),
// with the contacts of the year counted from the branch's own records they attended — never typed in twice.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Liaison } from '#contracts/handover';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { useYearParam, YearSelect } from './lists-year-select.tsx';
import { useLiaisons } from './responsibility-api.ts';

const LiaisonDialog = lazy(async () => ({ default: (await import('./liaison-dialogs.tsx')).LiaisonDialog }));
const EndLiaisonDialog = lazy(async () => ({
  default: (await import('./liaison-dialogs.tsx')).EndLiaisonDialog,
}));

export function LiaisonPage() {
  const t = useT();
  const can = useCan();
  const [year, setYear] = useYearParam();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const liaisons = useLiaisons(year, orgId);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Liaison | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const mayManage = can('responsibility.manage');

  const setOrg = (id: string | null) => {
    const copy = new URLSearchParams(params);
    if (id) copy.set('org', id);
    else copy.delete('org');
    setParams(copy, { replace: true });
  };

  const columns: Column<Liaison>[] = [
    {
      key: 'member',
      title: t('rs.liaison.member'),
      primary: true,
      render: (l) => (
        <span>
          <Tag color={l.kind === 'point' ? 'volcano' : 'geekblue'}>{t(`rs.liaison.kind.${l.kind}`)}</Tag>
          {l.memberName}
        </span>
      ),
    },
    { key: 'branch', title: t('rs.liaison.branch'), render: (l) => l.branchName },
    {
      key: 'period',
      title: t('rs.liaison.period'),
      render: (l) => (l.until ? `${l.since} ~ ${l.until}` : t('rs.liaison.since', { date: l.since })),
    },
    {
      key: 'contacts',
      title: t('rs.liaison.contacts', { year }),
      render: (l) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={(e) => {
            e.stopPropagation();
            setOpen(open === l.id ? null : l.id);
          }}
        >
          {t('rs.liaison.contactCount', { n: l.contacts.length })}
        </Button>
      ),
    },
    ...(mayManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            actions: true,
            render: (l: Liaison) =>
              l.until || (l.kind === 'point' && !can('responsibility.organise')) ? null : (
                <Button size="small" onClick={() => setEnding(l)}>
                  {t('rs.liaison.end')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  const opened = (liaisons.data ?? []).find((l) => l.id === open) ?? null;

  return (
    <Card
      title={t('rs.liaison.pageTitle')}
      data-testid="liaisons-page"
      extra={
        mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('rs.liaison.add')}
          </Button>
        )
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8} lg={4}>
          <YearSelect value={year} onChange={setYear} />
        </Col>
        <Col xs={24} sm={16} lg={10}>
          <OrgTreeSelect value={orgId} onChange={setOrg} placeholder={t('rs.liaison.filterBranch')} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">{t('rs.liaison.intro')}</Typography.Paragraph>
      {liaisons.isError && <QueryError error={liaisons.error} onRetry={() => void liaisons.refetch()} />}
      <ResponsiveTable<Liaison>
        rowKey={(l) => l.id}
        columns={columns}
        dataSource={liaisons.data ?? []}
        loading={liaisons.isFetching}
        emptyText={t('rs.liaison.empty')}
        data-testid="liaisons"
      />
      {opened && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={t('rs.liaison.contactsOf', { name: opened.memberName, branch: opened.branchName, year })}
        >
          {opened.contacts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rs.liaison.noContacts')} />
          ) : (
            <List
              size="small"
              dataSource={opened.contacts}
              renderItem={(c) => (
                <List.Item>
                  <span>
                    {c.date} <Tag>{c.kindLabel}</Tag>
                    {c.title}
                  </span>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      <Suspense fallback={null}>
        {adding && (
          <LiaisonDialog onClose={() => setAdding(false)} mayOrganise={can('responsibility.organise')} />
        )}
        {ending && <EndLiaisonDialog liaison={ending} onClose={() => setEnding(null)} />}
      </Suspense>
    </Card>
  );
}
