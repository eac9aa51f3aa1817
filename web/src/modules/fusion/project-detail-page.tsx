import { ArrowLeftOutlined, EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RESOURCE_KIND_LABELS, URGENCY_LABELS } from '#contracts/fusion';
import { type Project, TEAM_KIND_LABELS } from '#contracts/fusion-project';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { downloadProjectDocument, useProject } from './fusion-api.ts';
import { STAGE_COLOUR, STAGE_LABEL, URGENCY_COLOUR } from './fusion-labels.ts';
import { ProjectEditDialog } from './project-dialogs.tsx';
import { ProjectKpis } from './project-kpis.tsx';
import { ProjectMilestones } from './project-milestones.tsx';
import { ProjectRecords } from './project-records.tsx';
import { ProjectSteps } from './project-steps.tsx';
import { ProjectTeam } from './project-team.tsx';

// A fusion project: where it stands in 论证 → 立项 → 推进 → 验收, the steps the reader may take, its facts, team,
// milestones, KPIs, linked branch records and history.

function isResourceKind(kind: string): kind is keyof typeof RESOURCE_KIND_LABELS {
  return kind in RESOURCE_KIND_LABELS;
}

function Facts({ project }: { project: Project }) {
  const t = useT();
  const label = useLabel();
  const screens = useScreens();
  const items = [
    {
      key: 'need',
      label: t('fusion.project.need'),
      children: project.need ? (
        <Space size={4} wrap>
          <span>{project.need.title}</span>
          {project.need.urgency !== 'normal' && (
            <Tag color={URGENCY_COLOUR[project.need.urgency]}>
              {label(URGENCY_LABELS[project.need.urgency])}
            </Tag>
          )}
        </Space>
      ) : (
        t('fusion.project.noNeed')
      ),
    },
    { key: 'department', label: t('fusion.project.department'), children: project.departmentName ?? '—' },
    { key: 'lead', label: t('fusion.project.leadOrg'), children: project.leadOrgName },
    {
      key: 'orgs',
      label: t('fusion.project.countsFor'),
      children:
        project.partyOrgs.map((o) => (o.organName ? `${o.name}（${o.organName}）` : o.name)).join('、') ||
        '—',
    },
    { key: 'owner', label: t('fusion.project.owner'), children: project.ownerName },
    {
      key: 'teamKind',
      label: t('fusion.project.teamKind'),
      children: label(TEAM_KIND_LABELS[project.teamKind]),
    },
    {
      key: 'dates',
      label: t('fusion.project.period'),
      children: `${project.startsOn ?? '—'} ~ ${project.dueOn ?? '—'}`,
    },
    {
      key: 'resources',
      label: t('fusion.project.resources'),
      children:
        project.resources.length === 0 ? (
          '—'
        ) : (
          <Space size={[4, 4]} wrap>
            {project.resources.map((r) => (
              <Tag key={r.id} style={{ whiteSpace: 'normal' }}>
                {r.title}
                {isResourceKind(r.kind) && `（${label(RESOURCE_KIND_LABELS[r.kind])}）`}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'partners',
      label: t('fusion.project.partners'),
      children: project.partners.map((p) => p.name).join('、') || '—',
    },
    { key: 'goal', label: t('fusion.project.goal'), children: project.goal ?? '—', span: 'filled' as const },
    ...(project.outcome
      ? [
          {
            key: 'outcome',
            label: t('fusion.project.outcome'),
            children: <span data-testid="project-outcome">{project.outcome}</span>,
            span: 'filled' as const,
          },
        ]
      : []),
    ...(project.terminationReason
      ? [
          {
            key: 'terminated',
            label: t('fusion.project.terminationReason'),
            children: project.terminationReason,
            span: 'filled' as const,
          },
        ]
      : []),
  ];
  return (
    <Descriptions
      size="small"
      column={screens.md === false ? 1 : 2}
      items={items}
      styles={{ content: { whiteSpace: 'pre-wrap' } }}
    />
  );
}

function History({ project }: { project: Project }) {
  const t = useT();
  if (project.events.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fusion.history.empty')} />;
  return (
    <Timeline
      data-testid="project-history"
      items={project.events.map((e, i) => ({
        key: i,
        color: e.toStage === 'terminated' ? 'red' : e.toStage === 'accepted' ? 'green' : 'gray',
        content: (
          <Space orientation="vertical" size={0}>
            <Typography.Text>
              {e.fromStage ? `${t(STAGE_LABEL[e.fromStage])} → ` : ''}
              {t(STAGE_LABEL[e.toStage])}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[e.happenedOn, e.byName].filter(Boolean).join(' · ')}
            </Typography.Text>
            {e.note && <Typography.Text style={{ fontSize: 12 }}>{e.note}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

export function ProjectDetailPage() {
  const t = useT();
  const { id } = useParams();
  const project = useProject(id);
  const [editing, setEditing] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const showError = useApiError();
  const back = (
    <Link to="/fusion/projects">
      <ArrowLeftOutlined /> {t('fusion.projects.title')}
    </Link>
  );
  if (project.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <QueryError error={project.error} onRetry={() => void project.refetch()} />
      </Space>
    );
  const p = project.data;
  if (!p) return <Card loading />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="project-page">
      {back}
      <Card
        title={
          <Space wrap style={{ whiteSpace: 'normal' }}>
            <span data-testid="project-title-text">{p.title}</span>
            <Tag color={STAGE_COLOUR[p.stage]} data-testid="project-stage">
              {t(STAGE_LABEL[p.stage])}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              icon={<FileWordOutlined />}
              loading={downloading}
              onClick={() => {
                setDownloading(true);
                downloadProjectDocument(p.id, p.stage === 'accepted')
                  .catch((err: unknown) => showError(err))
                  .finally(() => setDownloading(false));
              }}
              data-testid="project-document"
            >
              {p.stage === 'accepted'
                ? t('fusion.project.acceptanceReport')
                : t('fusion.project.progressReport')}
            </Button>
            {p.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ProjectSteps project={p} />
          <Facts project={p} />
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ProjectKpis project={p} />
            <ProjectMilestones project={p} />
            <ProjectRecords project={p} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ProjectTeam project={p} />
            <Card size="small" title={t('fusion.history.title')}>
              <History project={p} />
            </Card>
          </Space>
        </Col>
      </Row>
      {editing && <ProjectEditDialog project={p} onClose={() => setEditing(false)} />}
    </Space>
  );
}
