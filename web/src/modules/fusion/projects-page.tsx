import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PROJECT_STAGES, type ProjectSummary } from '#contracts/fusion-project';
import { useCan } from '../../app/session.tsx';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { downloadProjects, type ProjectFilters, useProjects } from './fusion-api.ts';
import { STAGE_COLOUR, STAGE_LABEL } from './fusion-labels.ts';
import { milestoneProgress, parseFilters, withFilters } from './fusion-logic.ts';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';
import { ProjectCreateDialog } from './project-dialogs.tsx';

// 项目清单: the organ's fusion projects at every stage, with the lead branch, the owner, how far the milestones are
// and how the business KPIs came out; a project opens on its own page.

export function ProjectsPage() {
  const t = useT();
  const navigate = useNavigate();
  const mayCreate = useCan()('fusion.project');
  const { unitId, units, setUnit } = useFusionUnit();
  const [params, setParams] = useSearchParams();
  const parsed = parseFilters(params);
  const filters: ProjectFilters = {
    stage: parsed.stage,
    partyOrgId: parsed.partyOrgId,
    departmentId: parsed.departmentId,
    q: parsed.q,
  };
  const projects = useProjects(unitId, filters);
  const showError = useApiError();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const set = (change: Partial<ProjectFilters>) =>
    setParams(withFilters(params, { ...parsed, ...change }), { replace: true });

  const columns: Column<ProjectSummary>[] = [
    {
      key: 'title',
      title: t('fusion.project.titleField'),
      primary: true,
      render: (p) => (
        <Link to={`/fusion/projects/${p.id}`} onClick={stopRowClick} data-testid="project-link">
          {p.title}
        </Link>
      ),
    },
    {
      key: 'stage',
      title: t('fusion.project.stage'),
      render: (p) => (
        <Tag color={STAGE_COLOUR[p.stage]} data-testid="project-stage">
          {t(STAGE_LABEL[p.stage])}
        </Tag>
      ),
    },
    {
      key: 'lead',
      title: t('fusion.project.leadOrg'),
      render: (p) =>
        p.partyOrgs.length > 1 ? (
          <Space orientation="vertical" size={0}>
            <span>{p.leadOrgName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('fusion.project.withOthers', { n: p.partyOrgs.length - 1 })}
            </Typography.Text>
          </Space>
        ) : (
          p.leadOrgName
        ),
    },
    { key: 'owner', title: t('fusion.project.owner'), render: (p) => p.ownerName },
    { key: 'department', title: t('fusion.project.department'), render: (p) => p.departmentName ?? '—' },
    {
      key: 'milestones',
      title: t('fusion.project.milestones'),
      render: (p) => {
        const progress = milestoneProgress(p.milestones);
        return (
          <Space size={4} data-testid="project-milestones">
            <Typography.Text type={progress.complete ? 'success' : undefined}>
              {progress.text}
            </Typography.Text>
            {progress.overdue > 0 && (
              <Typography.Text type="danger">
                {t('fusion.project.overdue', { n: progress.overdue })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      key: 'kpis',
      title: t('fusion.project.kpis'),
      render: (p) =>
        p.kpis.total === 0 ? (
          '—'
        ) : (
          <Typography.Text data-testid="project-kpis">
            {t('fusion.project.kpiSummary', {
              met: p.kpis.met,
              measured: p.kpis.measured,
              total: p.kpis.total,
            })}
          </Typography.Text>
        ),
    },
    {
      key: 'due',
      title: t('fusion.project.dueOn'),
      render: (p) => p.dueOn ?? '—',
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="projects-page">
      <Card
        title={t('fusion.projects.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            {mayCreate && unitId && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-new">
                {t('fusion.project.new')}
              </Button>
            )}
          </Space>
        }
      >
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}
        >
          <Select
            allowClear
            value={filters.stage}
            placeholder={t('fusion.project.allStages')}
            options={PROJECT_STAGES.map((s) => ({ value: s, label: t(STAGE_LABEL[s]) }))}
            onChange={(stage) => set({ stage: stage ?? undefined })}
            data-testid="projects-filter-stage"
          />
          <OrgTreeSelect
            value={filters.partyOrgId ?? null}
            onChange={(partyOrgId) => set({ partyOrgId: partyOrgId ?? undefined })}
            placeholder={t('fusion.allBranches')}
            data-testid="projects-filter-branch"
          />
          <DepartmentTreeSelect
            unitId={unitId}
            value={filters.departmentId ?? null}
            onChange={(departmentId) => set({ departmentId: departmentId ?? undefined })}
            placeholder={t('fusion.allDepartments')}
          />
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('fusion.projects.search')}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            data-testid="projects-search"
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={!unitId}
            onClick={() => {
              if (!unitId) return;
              setExporting(true);
              downloadProjects(unitId, filters)
                .catch((err: unknown) => showError(err))
                .finally(() => setExporting(false));
            }}
            data-testid="projects-export"
          >
            {t('fusion.export')}
          </Button>
        </div>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {projects.isError ? (
          <QueryError error={projects.error} onRetry={() => void projects.refetch()} />
        ) : (
          <ResponsiveTable<ProjectSummary>
            rowKey={(p) => p.id}
            columns={columns}
            dataSource={projects.data ?? []}
            loading={projects.isFetching}
            onRowClick={(p) => navigate(`/fusion/projects/${p.id}`)}
            emptyText={
              <Space orientation="vertical" size={4}>
                <span>{t('fusion.projects.empty')}</span>
                <Link to="/fusion/board">{t('fusion.projects.toBoard')}</Link>
              </Space>
            }
            data-testid="projects-table"
          />
        )}
      </Card>
      {creating && unitId && <ProjectCreateDialog unitId={unitId} onClose={() => setCreating(false)} />}
    </Space>
  );
}
