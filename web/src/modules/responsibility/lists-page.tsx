// 责任清单: the year's lists in the officer's scope, grouped by level (主体责任 of the 党组, 直接责任 of the 机关党委,
// 落实责任 of the branches), each with its counts of Party, business and fusion duties and of those overdue.
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { LEVEL_HOLDERS, LEVEL_LABELS, LEVELS, type ResponsibilityList } from '#contracts/responsibility';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { groupByLevel } from './lists-grouping.ts';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { useYearParam, YearSelect } from './lists-year-select.tsx';
import { useLists } from './responsibility-api.ts';

const CreateListDialog = lazy(async () => ({
  default: (await import('./lists-create-dialog.tsx')).CreateListDialog,
}));

export function ListsPage() {
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const navigate = useNavigate();
  const [year, setYear] = useYearParam();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const lists = useLists(year, orgId);
  const [creating, setCreating] = useState(false);
  const groups = groupByLevel(lists.data ?? []);

  const setOrg = (id: string | null) => {
    const copy = new URLSearchParams(params);
    if (id) copy.set('org', id);
    else copy.delete('org');
    setParams(copy, { replace: true });
  };

  const columns: Column<ResponsibilityList>[] = [
    {
      key: 'title',
      title: t('rs.list.title'),
      primary: true,
      render: (l) => (
        <Space size={4} wrap>
          <Link to={`/responsibility/lists/${l.id}`} onClick={(e) => e.stopPropagation()}>
            {l.title}
          </Link>
          {l.templateUpdate && <Tag color="orange">{t('rs.list.templateUpdateShort')}</Tag>}
        </Space>
      ),
    },
    { key: 'org', title: t('rs.list.org'), render: (l) => l.partyOrgName },
    {
      key: 'holder',
      title: t('rs.list.holder'),
      render: (l) =>
        l.holderMemberName ?? <Typography.Text type="secondary">{t('rs.list.orgList')}</Typography.Text>,
    },
    {
      key: 'status',
      title: t('rs.list.status'),
      render: (l) =>
        l.status === 'published' ? (
          <Tag color="green">{t('rs.list.published')}</Tag>
        ) : (
          <Tag>{t('rs.list.draft')}</Tag>
        ),
    },
    {
      key: 'counts',
      title: t('rs.list.counts'),
      render: (l) => (
        <Space size={4} wrap data-testid="list-counts">
          <span>{t('rs.list.countParty', { n: l.counts.party })}</span>
          <span>{t('rs.list.countBusiness', { n: l.counts.business })}</span>
          <span>{t('rs.list.countFusion', { n: l.counts.fusion })}</span>
        </Space>
      ),
    },
    {
      key: 'overdue',
      title: t('rs.list.overdue'),
      render: (l) =>
        l.counts.overdue > 0 ? (
          <Badge count={l.counts.overdue} color="red" showZero={false} />
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      key: 'template',
      title: t('rs.list.template'),
      render: (l) => (l.templateVersion ? t('rs.template.versionN', { n: l.templateVersion }) : '—'),
    },
  ];

  return (
    <Card
      title={t('rs.lists.title')}
      data-testid="responsibility-lists-page"
      extra={
        can('responsibility.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="list-create"
          >
            {t('rs.lists.create')}
          </Button>
        )
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8} lg={4}>
          <YearSelect value={year} onChange={setYear} data-testid="lists-year" />
        </Col>
        <Col xs={24} sm={16} lg={10}>
          <OrgTreeSelect
            value={orgId}
            onChange={setOrg}
            placeholder={t('rs.lists.filterOrg')}
            data-testid="lists-filter-org"
          />
        </Col>
      </Row>
      {lists.isError && <QueryError error={lists.error} onRetry={() => void lists.refetch()} />}
      {!lists.isLoading && (lists.data ?? []).length === 0 && (
        <Empty description={t('rs.lists.empty', { year })} data-testid="lists-empty" />
      )}
      <Flex vertical gap={24}>
        {LEVELS.map((level) =>
          groups[level].length === 0 ? null : (
            <section key={level} data-testid={`lists-level-${level}`}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {label(LEVEL_LABELS[level])}
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 8 }}
                >
                  {t('rs.lists.levelHint', { holder: label(LEVEL_HOLDERS[level]), n: groups[level].length })}
                </Typography.Text>
              </Typography.Title>
              <ResponsiveTable<ResponsibilityList>
                rowKey={(l) => l.id}
                columns={columns}
                dataSource={groups[level]}
                loading={lists.isFetching}
                onRowClick={(l) => navigate(`/responsibility/lists/${l.id}`)}
                data-testid={`lists-table-${level}`}
              />
            </section>
          ),
        )}
      </Flex>
      {creating && (
        <Suspense fallback={null}>
          <CreateListDialog
            year={year}
            defaultOrgId={orgId}
            onClose={() => setCreating(false)}
            onCreated={(id) => navigate(`/responsibility/lists/${id}`)}
          />
        </Suspense>
      )}
    </Card>
  );
}
