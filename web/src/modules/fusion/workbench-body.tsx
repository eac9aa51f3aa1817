import { FlagOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useMyFusion } from './fusion-api.ts';
import { STAGE_COLOUR, STAGE_LABEL } from './fusion-labels.ts';

// The bodies of the fusion workbench cards (workbench-cards.tsx). A project opens on its page for those who read
// the organ's projects; a team member without that permission sees the title only.

const SHOWN = 5;

function ProjectLink({ id, children }: { id: string; children: ReactNode }) {
  const mayRead = useCan()('fusion.read');
  const style = { minWidth: 0, overflowWrap: 'anywhere' as const };
  return mayRead ? (
    <Link to={`/fusion/projects/${id}`} style={style}>
      {children}
    </Link>
  ) : (
    <span style={style}>{children}</span>
  );
}

export function MyProjectsCard() {
  const t = useT();
  const mine = useMyFusion();
  const mayRead = useCan()('fusion.read');
  const projects = mine.data?.projects ?? [];
  return (
    <Card
      data-testid="workbench-fusion-projects"
      title={
        <Space>
          <NodeIndexOutlined />
          {t('fusion.card.projects')}
          {projects.length > 0 && <Tag>{projects.length}</Tag>}
        </Space>
      }
      extra={mayRead && <Link to="/fusion/projects">{t('fusion.card.viewAll')}</Link>}
    >
      {mine.isError ? (
        <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <List
          size="small"
          loading={mine.isPending}
          dataSource={projects.slice(0, SHOWN)}
          locale={{ emptyText: t('fusion.card.noProjects') }}
          renderItem={(p) => (
            <List.Item style={{ paddingInline: 0 }}>
              <ProjectLink id={p.id}>{p.title}</ProjectLink>
              <Space size={4} style={{ flexShrink: 0, marginInlineStart: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`fusion.card.role.${p.role}`)}
                </Typography.Text>
                <Tag color={STAGE_COLOUR[p.stage]} style={{ marginInlineEnd: 0 }}>
                  {t(STAGE_LABEL[p.stage])}
                </Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function MilestonesCard() {
  const t = useT();
  const mine = useMyFusion();
  const milestones = mine.data?.milestones ?? [];
  const overdue = milestones.filter((m) => m.overdue).length;
  return (
    <Card
      data-testid="workbench-fusion-milestones"
      title={
        <Space>
          <FlagOutlined />
          {t('fusion.card.milestones')}
          {overdue > 0 && <Tag color="red">{t('fusion.card.overdue', { n: overdue })}</Tag>}
        </Space>
      }
    >
      {mine.isError ? (
        <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <List
          size="small"
          loading={mine.isPending}
          dataSource={milestones.slice(0, SHOWN)}
          locale={{ emptyText: t('fusion.card.noMilestones') }}
          renderItem={(m) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <Typography.Text type={m.overdue ? 'danger' : undefined}>{m.title}</Typography.Text>
                <ProjectLink id={m.projectId}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.projectTitle}
                  </Typography.Text>
                </ProjectLink>
              </Space>
              <Typography.Text
                type={m.overdue ? 'danger' : 'secondary'}
                style={{ whiteSpace: 'nowrap', marginInlineStart: 8 }}
              >
                {m.dueOn}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
