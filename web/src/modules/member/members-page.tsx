import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  type Member,
  PARTY_POST_LABELS,
  PARTY_POSTS,
} from '#contracts/member';
import { downloadFile } from '../../api/http.ts';
import { useCan } from '../../app/session.tsx';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useMembers } from './member-api.ts';
import {
  exportQuery,
  filtersFromParams,
  filtersToParams,
  listQuery,
  type MemberFilters,
  withFilter,
} from './member-filters.ts';
import { CategoryTag, useMemberLabels } from './member-labels.tsx';
import { ExportDialog, MaskedIdCell } from './member-numbers.tsx';

// The form brings the date picker and the form machinery, which the list does not need to show its first rows.
const loadMemberForm = () => import('./member-form-modal.tsx');
const MemberFormModal = lazy(async () => ({ default: (await loadMemberForm()).MemberFormModal }));

export function MembersPage() {
  const t = useT();
  const label = useLabel();
  const labels = useMemberLabels();
  const can = useCan();
  const navigate = useNavigate();
  const screens = useScreens();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const members = useMembers(listQuery(filters));
  const showError = useApiError();
  const [exporting, setExporting] = useState(false);
  const [exportDialog, setExportDialog] = useState(false);
  const [creating, setCreating] = useState(false);
  const [qText, setQText] = useState(filters.q ?? '');
  // On phones the less used filters fold away behind a toggle, unless one of them is in use.
  const [moreFilters, setMoreFilters] = useState(false);
  const compact = screens.sm === false;
  const showMore =
    !compact || moreFilters || !!filters.category || !!filters.partyPost || filters.status !== 'active';
  const listShown = members.data !== undefined;
  const mayCreate = can('member.write');
  // Once the list is on screen, so that the create dialog opens without waiting for its code.
  useEffect(() => {
    if (listShown && mayCreate) loadMemberForm().catch(() => undefined);
  }, [listShown, mayCreate]);

  const apply = (patch: Partial<MemberFilters>) => setParams(filtersToParams(withFilter(filters, patch)));

  const onExport = (full: boolean) => {
    setExportDialog(false);
    setExporting(true);
    downloadFile(
      '/api/members/export',
      { ...exportQuery(filters), full: full ? 1 : undefined },
      '党员名册.xlsx',
    )
      .catch((err: unknown) => showError(err))
      .finally(() => setExporting(false));
  };

  const onTableChange: TableProps<Member>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.field === 'partyOrgName' ? 'partyOrg' : s?.field;
    const sort =
      s?.order && (field === 'name' || field === 'joinedOn' || field === 'partyOrg') ? field : 'partyOrg';
    const order = s?.order === 'descend' ? ('desc' as const) : undefined;
    const sortChanged = sort !== filters.sort || order !== filters.order;
    apply({
      sort,
      order,
      pageSize: pagination.pageSize ?? filters.pageSize,
      page: sortChanged || pagination.pageSize !== filters.pageSize ? 1 : (pagination.current ?? 1),
    });
  };

  const sortOrderOf = (sort: MemberFilters['sort']) =>
    filters.sort === sort ? (filters.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null;

  const columns: TableColumnsType<Member> = [
    {
      title: t('member.name'),
      dataIndex: 'name',
      // Pinned on every screen: on a phone the table scrolls sideways and the name stays in view.
      fixed: 'left',
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: sortOrderOf('name'),
      render: (name: string, m) => (
        <Link to={`/members/${m.id}`} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t('member.gender'), dataIndex: 'gender', render: (g: Member['gender']) => labels.gender(g) },
    {
      title: t('member.partyOrg'),
      dataIndex: 'partyOrgName',
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: sortOrderOf('partyOrg'),
    },
    { title: t('member.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    { title: t('member.businessPost'), dataIndex: 'businessPost', render: (v: string | null) => v ?? '—' },
    {
      title: t('member.partyPost'),
      dataIndex: 'partyPost',
      render: (v: Member['partyPost']) => labels.post(v),
    },
    {
      title: t('member.category'),
      dataIndex: 'category',
      render: (c: Member['category']) => <CategoryTag category={c} />,
    },
    {
      title: t('member.joinedOn'),
      dataIndex: 'joinedOn',
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: sortOrderOf('joinedOn'),
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('member.idNumber'),
      dataIndex: 'idNumber',
      render: (v: string, m) => <MaskedIdCell memberId={m.id} masked={v} />,
    },
  ];

  const col = { xs: 24, sm: 12, lg: 8, xxl: 6 };
  return (
    <Card
      title={t('member.title')}
      extra={
        <Space wrap>
          {can('member.export') && (
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => setExportDialog(true)}
              data-testid="member-export"
            >
              {screens.sm ? t('member.export') : null}
            </Button>
          )}
          {mayCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="member-create"
            >
              {screens.sm ? t('member.create') : null}
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="member-filters">
        <Col {...col}>
          <OrgTreeSelect
            value={filters.partyOrgId ?? null}
            onChange={(v) => apply({ partyOrgId: v ?? undefined })}
            placeholder={t('member.filterOrg')}
            data-testid="member-filter-org"
          />
        </Col>
        <Col {...col}>
          <DepartmentTreeSelect
            value={filters.departmentId ?? null}
            onChange={(v) => apply({ departmentId: v ?? undefined })}
            placeholder={t('member.filterDepartment')}
          />
        </Col>
        <Col {...col}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              allowClear
              value={qText}
              onChange={(e) => {
                setQText(e.target.value);
                // Clearing the box (× button) drops the filter at once.
                if (e.target.value === '' && filters.q) apply({ q: undefined });
              }}
              onPressEnter={() => apply({ q: qText.trim() || undefined })}
              placeholder={
                can('member.sensitive') ? t('member.searchPlaceholderNumbers') : t('member.searchPlaceholder')
              }
              data-testid="member-search"
            />
            <Button
              icon={<SearchOutlined />}
              aria-label={t('common.search')}
              onClick={() => apply({ q: qText.trim() || undefined })}
              data-testid="member-search-button"
            />
          </Space.Compact>
        </Col>
        {showMore && (
          <>
            <Col {...col}>
              <Select
                allowClear
                style={{ width: '100%' }}
                value={filters.category}
                onChange={(v) => apply({ category: v })}
                placeholder={t('member.category')}
                options={MEMBER_CATEGORIES.map((c) => ({
                  value: c,
                  label: label(MEMBER_CATEGORY_LABELS[c]),
                }))}
              />
            </Col>
            <Col {...col}>
              <Select
                allowClear
                style={{ width: '100%' }}
                value={filters.partyPost}
                onChange={(v) => apply({ partyPost: v })}
                placeholder={t('member.partyPost')}
                options={PARTY_POSTS.map((p) => ({ value: p, label: label(PARTY_POST_LABELS[p]) }))}
              />
            </Col>
            <Col {...col}>
              <Select
                style={{ width: '100%' }}
                value={filters.status}
                onChange={(v) => apply({ status: v })}
                options={[
                  { value: 'active', label: t('member.statusActive') },
                  { value: 'left', label: t('member.statusLeft') },
                ]}
              />
            </Col>
          </>
        )}
        {compact && (
          <Col span={24}>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setMoreFilters(!showMore)}>
              {showMore ? t('member.lessFilters') : t('member.moreFilters')}
            </Button>
          </Col>
        )}
      </Row>
      {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      <div data-testid="member-table">
        <Table<Member>
          rowKey="id"
          size={screens.md ? 'middle' : 'small'}
          columns={columns}
          dataSource={members.data?.items ?? []}
          loading={members.isFetching}
          scroll={{ x: 'max-content' }}
          onChange={onTableChange}
          onRow={(m) => ({ onClick: () => navigate(`/members/${m.id}`), style: { cursor: 'pointer' } })}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: members.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            simple: !screens.sm,
          }}
        />
      </div>
      {exportDialog && <ExportDialog onExport={onExport} onClose={() => setExportDialog(false)} />}
      {creating && (
        <Suspense fallback={null}>
          <MemberFormModal
            mode="create"
            defaultPartyOrgId={filters.partyOrgId ?? null}
            onClose={() => setCreating(false)}
            onSaved={(m) => navigate(`/members/${m.id}`)}
          />
        </Suspense>
      )}
    </Card>
  );
}
