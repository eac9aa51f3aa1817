import { FileExcelOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { REVIEW_STATUS_LABELS, type ReviewSummary } from '#contracts/assessment-review';
import { chinaToday } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { usePartyOrgs } from '../org/org-api.ts';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { downloadBranchReviews, useAssembleReviews, useBranchReviews } from './review-api.ts';
import { halfYearLabel, lastEndedHalfYear, recentHalfYears, STATUS_COLORS } from './review-logic.ts';

// 党员述评: a branch's half-year — each member's dossier and its state, assembled for the whole branch in one action
// (again: unsigned dossiers refresh, signed ones stay), exported as one workbook. The branch and half-year ride in the
// address, so the page can be bookmarked and the dossier page can come back to it.

const BRANCH_KINDS = new Set(['branch', 'general_branch']);

export function ReviewListPage() {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const orgs = usePartyOrgs();
  const today = chinaToday();
  const [branchId, setBranchId] = useState<string | null>(params.get('branchId'));
  const [halfYear, setHalfYear] = useState(params.get('halfYear') ?? lastEndedHalfYear(today));
  // A reader of one branch starts on it: the first branch of the tree they see.
  useEffect(() => {
    if (branchId || !orgs.data) return;
    const first = orgs.data.find((o) => BRANCH_KINDS.has(o.kind) && o.status === 'active');
    if (first) setBranchId(first.id);
  }, [branchId, orgs.data]);
  useEffect(() => {
    if (branchId) setParams({ branchId, halfYear }, { replace: true });
  }, [branchId, halfYear, setParams]);
  const list = useBranchReviews(branchId, halfYear);
  const assemble = useAssembleReviews();

  const columns: Column<ReviewSummary>[] = [
    {
      key: 'member',
      title: t('assessment.reviews.member'),
      primary: true,
      render: (r) => (
        <Link to={`/assessment/reviews/${r.id}`} onClick={stopRowClick} data-testid="review-link">
          {r.memberName}
        </Link>
      ),
    },
    {
      key: 'status',
      title: t('assessment.reviews.status'),
      render: (r) => <Tag color={STATUS_COLORS[r.status]}>{label(REVIEW_STATUS_LABELS[r.status])}</Tag>,
    },
    { key: 'grade', title: t('assessment.reviews.grade'), render: (r) => r.gradeLabel ?? '—' },
    {
      key: 'statement',
      title: t('assessment.reviews.statement'),
      render: (r) => (r.hasStatement ? '✓' : '—'),
    },
    {
      key: 'signedAt',
      title: t('assessment.reviews.signedAt'),
      render: (r) => r.signedAt?.slice(0, 10) ?? '—',
    },
  ];
  const missing = list.data?.missing ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="reviews-page">
      <Card title={t('assessment.reviews.title')}>
        <Typography.Paragraph type="secondary">{t('assessment.reviews.intro')}</Typography.Paragraph>
        <Flex wrap gap={8} align="center">
          <OrgTreeSelect
            value={branchId}
            onChange={setBranchId}
            selectable={(o) => BRANCH_KINDS.has(o.kind)}
            placeholder={t('assessment.reviews.pickBranch')}
            allowClear={false}
            style={{ width: 260, maxWidth: '100%' }}
            data-testid="reviews-branch"
          />
          <Select
            value={halfYear}
            onChange={setHalfYear}
            options={recentHalfYears(today, 6).map((h) => ({ value: h, label: halfYearLabel(h) }))}
            style={{ width: 150 }}
            data-testid="reviews-half-year"
          />
          <Button
            type="primary"
            icon={<SyncOutlined />}
            disabled={!branchId}
            loading={assemble.isPending}
            onClick={() =>
              branchId &&
              assemble.mutate(
                { branchId, halfYear },
                {
                  onSuccess: () => message.success(t('assessment.reviews.assembled')),
                  onError: (err) => showError(err),
                },
              )
            }
            data-testid="reviews-assemble"
          >
            {t('assessment.reviews.assemble')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            disabled={!branchId || !list.data?.reviews.length}
            onClick={() => branchId && void downloadBranchReviews(branchId, halfYear).catch(showError)}
          >
            {t('assessment.reviews.export')}
          </Button>
        </Flex>
      </Card>
      {missing.length > 0 && list.data?.reviews.length ? (
        <Alert
          type="info"
          showIcon
          title={t('assessment.reviews.missing', {
            count: missing.length,
            names: missing
              .slice(0, 5)
              .map((m) => m.memberName)
              .join('、'),
          })}
        />
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        {!branchId ? (
          <Typography.Paragraph type="secondary" style={{ padding: 16, margin: 0 }}>
            {t('assessment.reviews.noBranch')}
          </Typography.Paragraph>
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ResponsiveTable<ReviewSummary>
            rowKey={(r) => r.id}
            columns={columns}
            dataSource={list.data?.reviews ?? []}
            loading={list.isFetching}
            onRowClick={(r) => navigate(`/assessment/reviews/${r.id}`)}
            emptyText={t('assessment.reviews.empty')}
            data-testid="reviews-table"
          />
        )}
      </Card>
    </Space>
  );
}
