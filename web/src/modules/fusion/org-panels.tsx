import { Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { OPEN_STAGES, type ProjectSummary } from '#contracts/fusion-project';
import type { Department, PartyOrg } from '#contracts/org';
import type { DepartmentBadge, OrgPanel } from '../../app/org-panel-types.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useProjects } from './fusion-api.ts';
import { STAGE_COLOUR, STAGE_LABEL } from './fusion-labels.ts';
import { milestoneProgress } from './fusion-logic.ts';

// Fusion projects on the organisation page: under a branch's details, the projects that count for it (led, held
// jointly or with team members from it) with how far each has come; beside a department, how many projects under
// way serve it. Both read the organ's project list once (react-query shares it) and link to the filtered list.

const open = (p: ProjectSummary) => (OPEN_STAGES as readonly string[]).includes(p.stage);

function OrgProjects({ org }: { org: PartyOrg }) {
  const t = useT();
  const projects = useProjects(org.unitId, { partyOrgId: org.id });
  if (projects.isError) return <QueryError error={projects.error} onRetry={() => void projects.refetch()} />;
  const list = projects.data ?? [];
  return (
    <div data-testid="org-fusion-projects">
      <Typography.Title level={5}>
        {t('fusion.orgPanel.title')}{' '}
        {list.length > 0 && (
          <Link to={`/fusion/projects?unit=${org.unitId}&partyOrgId=${org.id}`}>
            {t('fusion.orgPanel.all', { count: list.length })}
          </Link>
        )}
      </Typography.Title>
      {!projects.isLoading && list.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fusion.orgPanel.none')} />
      )}
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {[...list.filter(open), ...list.filter((p) => !open(p))].slice(0, 8).map((p) => {
          const m = milestoneProgress(p.milestones);
          return (
            <div key={p.id} data-testid="org-fusion-project">
              <Tag color={STAGE_COLOUR[p.stage]}>{t(STAGE_LABEL[p.stage])}</Tag>
              <Link to={`/fusion/projects/${p.id}`}>{p.title}</Link>{' '}
              <Typography.Text type="secondary">
                {t('fusion.orgPanel.progress', { milestones: m.text, met: p.kpis.met, kpis: p.kpis.total })}
              </Typography.Text>
              {m.overdue > 0 && <Tag color="red">{t('fusion.orgPanel.overdue', { count: m.overdue })}</Tag>}
            </div>
          );
        })}
      </Space>
    </div>
  );
}

function DepartmentProjects({ department }: { department: Department }) {
  const t = useT();
  const projects = useProjects(department.unitId, {});
  const serving = (projects.data ?? []).filter((p) => p.departmentId === department.id && open(p));
  if (serving.length === 0) return null;
  return (
    <Link
      to={`/fusion/projects?unit=${department.unitId}&departmentId=${department.id}`}
      data-testid="dept-fusion-badge"
    >
      <Tag color="gold">{t('fusion.orgPanel.serving', { count: serving.length })}</Tag>
    </Link>
  );
}

export const fusionOrgPanels: readonly OrgPanel[] = [
  { key: 'fusion.projects', permission: 'fusion.read', Panel: OrgProjects },
];
export const fusionDepartmentBadges: readonly DepartmentBadge[] = [
  { key: 'fusion.projects', permission: 'fusion.read', Badge: DepartmentProjects },
];
