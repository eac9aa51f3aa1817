import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type Project,
  TEAM_KIND_LABELS,
  TEAM_ROLE_LABELS,
  TEAM_ROLES,
  type TeamRole,
} from '#contracts/fusion-project';
import { isStaleVersion } from '../../api/http.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from '../responsibility/list-member-select.tsx';
import { usePutTeam } from './fusion-api.ts';
import { addTeamMember, type TeamRow, teamBranches } from './fusion-logic.ts';

// The project's team (攻坚小组 / 突击队 / 先锋岗): members of one or several branches, each with a role. Edited as a
// whole and saved at once (PUT), so that a half-made team is never what others read.

export function ProjectTeam({ project }: { project: Project }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const put = usePutTeam();
  const showError = useApiError();
  const [draft, setDraft] = useState<TeamRow[] | null>(null);
  const team: readonly TeamRow[] = draft ?? project.team;
  const editing = draft !== null;
  const branches = teamBranches(team);

  const save = () => {
    if (!draft) return;
    put.mutate(
      {
        id: project.id,
        body: { team: draft.map((m) => ({ memberId: m.memberId, role: m.role })), version: project.version },
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          setDraft(null);
        },
        onError: (err) => {
          showError(err);
          if (isStaleVersion(err)) setDraft(null);
        },
      },
    );
  };
  const setRole = (memberId: string, role: TeamRole) =>
    setDraft(team.map((m) => (m.memberId === memberId ? { ...m, role } : m)));

  return (
    <Card
      size="small"
      data-testid="project-team"
      title={
        <Space wrap>
          {t('fusion.team.title')}
          <Tag>{label(TEAM_KIND_LABELS[project.teamKind])}</Tag>
        </Space>
      }
      extra={
        project.can.edit &&
        (editing ? (
          <Space>
            <Button size="small" onClick={() => setDraft(null)}>
              {t('fusion.cancel')}
            </Button>
            <Button
              size="small"
              type="primary"
              loading={put.isPending}
              onClick={save}
              data-testid="team-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        ) : (
          <Button size="small" onClick={() => setDraft([...project.team])} data-testid="team-edit">
            {t('fusion.team.edit')}
          </Button>
        ))
      }
    >
      {branches.length > 1 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('fusion.team.branches', { n: branches.length, names: branches.join('、') })}
        </Typography.Paragraph>
      )}
      {team.length === 0 && !editing ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fusion.team.empty')} />
      ) : (
        <Flex vertical gap={6}>
          {team.map((m) => (
            <Flex key={m.memberId} gap={8} align="center" wrap data-testid="team-member">
              <Typography.Text strong style={{ minWidth: '5em' }}>
                {m.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ flex: 1, minWidth: 120, fontSize: 12 }}>
                {m.partyOrgName}
              </Typography.Text>
              {editing ? (
                <>
                  <Select<TeamRole>
                    size="small"
                    value={m.role}
                    onChange={(role) => setRole(m.memberId, role)}
                    options={TEAM_ROLES.map((r) => ({ value: r, label: label(TEAM_ROLE_LABELS[r]) }))}
                    style={{ width: 100 }}
                    aria-label={t('fusion.team.role')}
                  />
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    // The owner stays on the team; another owner is chosen on the project first.
                    disabled={m.memberId === project.ownerMemberId}
                    title={m.memberId === project.ownerMemberId ? t('fusion.team.ownerStays') : undefined}
                    aria-label={t('fusion.team.remove', { name: m.name })}
                    onClick={() => setDraft(team.filter((x) => x.memberId !== m.memberId))}
                  />
                </>
              ) : (
                <Tag color={m.role === 'leader' ? 'red' : undefined}>{label(TEAM_ROLE_LABELS[m.role])}</Tag>
              )}
            </Flex>
          ))}
          {editing && (
            <MemberSelect
              value={null}
              placeholder={t('fusion.team.add')}
              onChange={(_id, member) =>
                member &&
                setDraft(
                  addTeamMember(team, {
                    memberId: member.id,
                    name: member.name,
                    partyOrgName: member.partyOrgName,
                  }),
                )
              }
              data-testid="team-add"
            />
          )}
        </Flex>
      )}
    </Card>
  );
}
