// 述职评议 administration: for a year, reports are generated from persons' lists (the records say what was done),
// raters are named, and the state and the grade counts of each report are followed here. Writing and rating the
// reports happen on the author's and the raters' own pages.
import { FileAddOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { type Appraisal, GRADE_LABELS, GRADES } from '#contracts/handover';
import { useCan } from '../../app/session.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { useYearParam, YearSelect } from './lists-year-select.tsx';
import { useAppraisals } from './responsibility-api.ts';
import { downloadAppraisalDocument, RESPONSIBILITY_FILE_LABELS } from './responsibility-files-api.ts';

const GenerateDialog = lazy(async () => ({
  default: (await import('./appraisals-admin-dialogs.tsx')).GenerateAppraisalDialog,
}));
const RatersDialog = lazy(async () => ({
  default: (await import('./appraisals-admin-dialogs.tsx')).RatersDialog,
}));

const STATUS_COLORS = { draft: 'default', submitted: 'blue', appraised: 'green' } as const;
const OUTCOME_COLORS = {
  done: 'green',
  late: 'gold',
  not_done: 'red',
  exempt: 'default',
  open: 'blue',
} as const;

export function AppraisalsAdminPage() {
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const [year, setYear] = useYearParam();
  const appraisals = useAppraisals(year);
  const [generating, setGenerating] = useState(false);
  const [raters, setRaters] = useState<Appraisal | null>(null);
  const mayManage = can('responsibility.organise');
  const showError = useApiError();

  const columns: Column<Appraisal>[] = [
    {
      key: 'author',
      title: t('rs.appraisal.author'),
      primary: true,
      render: (a) => (
        <span>
          {a.authorName}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {a.listTitle}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'status',
      title: t('rs.list.status'),
      render: (a) => (
        <span>
          <Tag color={STATUS_COLORS[a.status]}>{t(`rs.appraisal.status.${a.status}`)}</Tag>
          {a.submittedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(a.submittedAt)}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'raters',
      title: t('rs.appraisal.raters'),
      render: (a) =>
        a.raters.length === 0 ? (
          <Typography.Text type="warning">{t('rs.appraisal.noRaters')}</Typography.Text>
        ) : (
          t('rs.appraisal.rated', { done: a.raters.filter((r) => r.grade).length, n: a.raters.length })
        ),
    },
    {
      key: 'result',
      title: t('rs.appraisal.result'),
      render: (a) =>
        a.result ? (
          <Space size={4} wrap>
            {a.result.grade && <Tag color="red">{label(GRADE_LABELS[a.result.grade])}</Tag>}
            {GRADES.map((g) => (
              <span key={g}>{`${label(GRADE_LABELS[g])} ${a.result?.[g] ?? 0}`}</span>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      actions: true,
      render: (a: Appraisal) => (
        <Space size={4} wrap>
          {mayManage && a.status !== 'appraised' && (
            <Button size="small" onClick={() => setRaters(a)}>
              {t('rs.appraisal.setRaters')}
            </Button>
          )}
          <Button
            size="small"
            icon={<FileWordOutlined />}
            aria-label={label(RESPONSIBILITY_FILE_LABELS.appraisalDocument)}
            title={label(RESPONSIBILITY_FILE_LABELS.appraisalDocument)}
            onClick={() => downloadAppraisalDocument(a.id).catch((err: unknown) => showError(err))}
          />
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('rs.appraisal.pageTitle')}
      data-testid="appraisals-admin-page"
      extra={
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          {mayManage && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setGenerating(true)}>
              {t('rs.appraisal.generate')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('rs.appraisal.intro')}</Typography.Paragraph>
      {appraisals.isError && (
        <QueryError error={appraisals.error} onRetry={() => void appraisals.refetch()} />
      )}
      <ResponsiveTable<Appraisal>
        rowKey={(a) => a.id}
        columns={columns}
        dataSource={appraisals.data ?? []}
        loading={appraisals.isFetching}
        emptyText={t('rs.appraisal.empty', { year })}
        expandable={{
          expandedRowRender: (a) => <AppraisalLines appraisal={a} />,
          rowExpandable: (a) => a.lines.length > 0 || a.summary.length > 0,
        }}
        data-testid="appraisals"
      />
      <Suspense fallback={null}>
        {generating && (
          <GenerateDialog year={year} existing={appraisals.data ?? []} onClose={() => setGenerating(false)} />
        )}
        {raters && <RatersDialog appraisal={raters} onClose={() => setRaters(null)} />}
      </Suspense>
    </Card>
  );
}

/** What the records say, duty by duty, and the summary the author wrote. */
function AppraisalLines({ appraisal }: { appraisal: Appraisal }) {
  const t = useT();
  return (
    <Flex vertical gap={8}>
      {appraisal.summary && (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          ellipsis={{ rows: 4, expandable: true }}
        >
          {appraisal.summary}
        </Typography.Paragraph>
      )}
      {appraisal.lines.map((l) => (
        <div key={l.itemId}>
          <Tag color={OUTCOME_COLORS[l.outcome]}>{t(`rs.appraisal.outcome.${l.outcome}`)}</Tag>
          {l.title}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {t('rs.appraisal.periods', {
              done: l.periods.done,
              late: l.periods.late,
              missed: l.periods.missed,
              n: l.periods.total,
            })}
          </Typography.Text>
        </div>
      ))}
    </Flex>
  );
}
