import { Alert, App, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PartyOrg } from '#contracts/org';
import { HttpError } from '../../api/http.ts';
import { useCan } from '../../app/session.tsx';
import { chinaToday } from '../../components/dates.ts';
import { errorText, QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useUnits } from '../org/org-api.ts';
import { MemberMultiSelect } from '../responsibility/list-member-select.tsx';
import { useSetTemporaryMembers, useTemporaryMembers } from './temporary-api.ts';
import {
  drawnIds,
  isDrawnNow,
  memberChanges,
  memberIssueLines,
  type TemporaryMember,
} from './temporary-logic.ts';

// A temporary Party organisation's drawn members (issue 10.8): who is in it now and who was, with their home
// branches and dates; whoever keeps the organisation tree picks them from the organ's members and saves the list.

type Org = Pick<PartyOrg, 'id' | 'name' | 'unitId' | 'status' | 'tempStartOn' | 'tempEndOn'>;

export default function TemporaryMembersDialog({ org, onClose }: { org: Org; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const members = useTemporaryMembers(org.id);
  const save = useSetTemporaryMembers(org.id);
  const units = useUnits();
  const today = chinaToday();
  const closed = org.status === 'closed';
  const editable = can('org.write') && !closed;
  const organRoot = units.data?.find((u) => u.id === org.unitId)?.rootPartyOrgId ?? null;
  const current = useMemo(
    () => drawnIds(members.data ?? [], org.tempEndOn, today),
    [members.data, org.tempEndOn, today],
  );
  const [picked, setPicked] = useState<string[] | null>(null);
  const [issues, setIssues] = useState<string[]>([]);
  const chosen = picked ?? current;
  const changes = memberChanges(current, chosen);
  const known = useMemo(
    () => Object.fromEntries((members.data ?? []).map((m) => [m.memberId, `${m.name}（${m.homeOrgName}）`])),
    [members.data],
  );

  const onSave = async () => {
    setIssues([]);
    try {
      await save.mutateAsync(chosen);
      // The saved list, as the server answered it, is what the picker starts from again.
      setPicked(null);
      message.success(t('temporary.saved'));
    } catch (err) {
      if (err instanceof HttpError && err.issues.length)
        setIssues(memberIssueLines(err.issues, chosen, (id) => known[id] ?? id));
      else message.error(errorText(err, t('error.unexpected')));
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t('temporary.title', { org: org.name })}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.back')}</Button>
          {editable && (
            <Button
              type="primary"
              loading={save.isPending}
              disabled={!members.data || (changes.added.length === 0 && changes.removed.length === 0)}
              onClick={onSave}
              data-testid="temporary-save"
            >
              {t('temporary.save')}
            </Button>
          )}
        </Space>
      }
      data-testid="temporary-members-dialog"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('temporary.intro')}</Typography.Text>
        {closed && <Alert type="info" showIcon title={t('temporary.closed')} />}
        {!closed && !can('org.write') && <Alert type="info" showIcon title={t('temporary.readOnly')} />}
        {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
        {editable && members.data && (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <MemberMultiSelect
              value={chosen}
              onChange={(ids) => setPicked(ids)}
              partyOrgId={organRoot}
              known={known}
              placeholder={t('temporary.pick')}
              data-testid="temporary-pick"
            />
            {(changes.added.length > 0 || changes.removed.length > 0) && (
              <Typography.Text type="secondary" data-testid="temporary-changes">
                {t('temporary.changes', { added: changes.added.length, removed: changes.removed.length })}
              </Typography.Text>
            )}
          </Space>
        )}
        {issues.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('temporary.invalid')}
            description={issues.map((line) => <div key={line}>{line}</div>)}
          />
        )}
        <Table<TemporaryMember>
          size="small"
          rowKey="memberId"
          loading={members.isFetching}
          dataSource={members.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content', y: 360 }}
          locale={{ emptyText: t('temporary.none') }}
          data-testid="temporary-members"
          columns={[
            { key: 'name', title: t('temporary.name'), dataIndex: 'name' },
            { key: 'home', title: t('temporary.home'), dataIndex: 'homeOrgName' },
            {
              key: 'dates',
              title: t('temporary.dates'),
              render: (_, m) => `${m.fromOn} ~ ${m.toOn ?? t('temporary.openEnded')}`,
            },
            {
              key: 'state',
              title: '',
              render: (_, m) =>
                isDrawnNow(m, org.tempEndOn, today) ? (
                  <Tag color="green">{t('temporary.now')}</Tag>
                ) : (
                  <Tag>{t('temporary.left')}</Tag>
                ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
