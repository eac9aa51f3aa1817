import { DragOutlined, EditOutlined, PlusOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ALLOWED_CHILD_KINDS, PARTY_ORG_KIND_LABELS, type PartyOrg } from '#contracts/org';
import { ORG_PANELS } from '../../app/org-panels.ts';
import { useCan } from '../../app/session.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { TemporaryMembersButton } from '../branch/temporary-members-button.tsx';
import {
  type PartyOrgEvent,
  useDepartments,
  usePartyOrg,
  usePartyOrgEvents,
  useReopenOrg,
  useUnits,
} from './org-api.ts';
import { OrgFormModal, useOrgMutationError } from './org-dialogs.tsx';
import { describeEventDetails } from './org-event-details.ts';
import { CloseOrgModal, MoveOrgModal } from './org-move-close.tsx';

type Dialog = 'add' | 'edit' | 'move' | 'close' | null;

export function OrgDetail({ id }: { id: string }) {
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const { message } = App.useApp();
  const org = usePartyOrg(id);
  const events = usePartyOrgEvents(id);
  const units = useUnits();
  const departments = useDepartments(org.data?.unitId, !!org.data);
  const reopen = useReopenOrg();
  const [dialog, setDialog] = useState<Dialog>(null);
  const onReopenError = useOrgMutationError(() => undefined);

  if (org.isError) return <QueryError error={org.error} onRetry={() => void org.refetch()} />;
  if (!org.data) return <Card loading />;
  const o: PartyOrg = org.data;
  const closed = o.status === 'closed';
  const writable = can('org.write');
  const deptNames = o.departmentIds.map((d) => departments.data?.find((x) => x.id === d)?.name ?? '…');
  const unitName = units.data?.find((u) => u.id === o.unitId)?.name;

  const actions = writable ? (
    <Space wrap size={[8, 8]}>
      <Button
        icon={<PlusOutlined />}
        disabled={closed || ALLOWED_CHILD_KINDS[o.kind].length === 0}
        onClick={() => setDialog('add')}
        data-testid="org-add-child"
      >
        {t('org.addChild')}
      </Button>
      <Button
        icon={<EditOutlined />}
        disabled={closed}
        onClick={() => setDialog('edit')}
        data-testid="org-edit"
      >
        {t('common.edit')}
      </Button>
      <Button
        icon={<DragOutlined />}
        disabled={closed || !o.parentId}
        onClick={() => setDialog('move')}
        data-testid="org-move"
      >
        {t('org.move')}
      </Button>
      {closed ? (
        <Popconfirm
          title={t('org.reopenConfirm', { name: o.name })}
          onConfirm={() =>
            reopen.mutateAsync({ id: o.id, version: o.version }).then(
              () => message.success(t('org.reopened')),
              (err: unknown) => onReopenError(err, undefined, o.id),
            )
          }
        >
          <Button icon={<RollbackOutlined />} data-testid="org-reopen">
            {t('org.reopen')}
          </Button>
        </Popconfirm>
      ) : (
        <Button danger icon={<StopOutlined />} onClick={() => setDialog('close')} data-testid="org-close">
          {t('org.close')}
        </Button>
      )}
    </Space>
  ) : null;

  return (
    <Card title={o.name} data-testid="org-detail" styles={{ header: { flexWrap: 'wrap' } }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {actions}
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('org.kind')}>{label(PARTY_ORG_KIND_LABELS[o.kind])}</Descriptions.Item>
          <Descriptions.Item label={t('org.code')}>{o.code}</Descriptions.Item>
          <Descriptions.Item label={t('org.status')}>
            {closed ? <Tag>{t('org.closedShort')}</Tag> : <Tag color="green">{t('org.active')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('org.foundedOn')}>{o.foundedOn ?? '—'}</Descriptions.Item>
          {o.isTemporary && (
            <Descriptions.Item label={t('org.temporary')}>
              {`${o.tempStartOn ?? '?'} ~ ${o.tempEndOn ?? t('org.openEnded')}`}
              <TemporaryMembersButton org={o} />
            </Descriptions.Item>
          )}
          {closed && (
            <Descriptions.Item label={t('org.closedOn')}>
              {o.closedOn ?? '—'}
              {o.closeReason ? `（${o.closeReason}）` : ''}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('org.memberCount')}>
            {o.memberTotal === null ? (
              '—'
            ) : (
              <span data-testid="org-member-counts">
                {t('org.memberCountsValue', { direct: o.memberCount ?? 0, total: o.memberTotal })}
              </span>
            )}
          </Descriptions.Item>
          {unitName && <Descriptions.Item label={t('org.unit')}>{unitName}</Descriptions.Item>}
          <Descriptions.Item label={t('org.linkedDepartments')} span="filled">
            {deptNames.length ? (
              <Space size={4} wrap>
                {deptNames.map((name, i) => (
                  <Tag key={o.departmentIds[i]}>{name}</Tag>
                ))}
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
        {ORG_PANELS.filter((p) => can(p.permission)).map(({ key, Panel }) => (
          <Panel key={key} org={o} />
        ))}
        <div>
          <Typography.Title level={5}>{t('org.history')}</Typography.Title>
          {events.isError && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
          {events.data && events.data.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {events.data && events.data.length > 0 && (
            <Timeline
              items={events.data.map((e: PartyOrgEvent) => ({
                key: e.id,
                title: formatDateTime(e.at),
                content: (
                  <>
                    <Typography.Text strong>{t(`org.event.${e.kind}`)}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                        {describeEventDetails(e.details, label)}
                      </Typography.Text>
                    </div>
                  </>
                ),
              }))}
            />
          )}
        </div>
      </Space>
      {dialog === 'add' && <OrgFormModal mode="create" parent={o} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <OrgFormModal mode="edit" org={o} onClose={() => setDialog(null)} />}
      {dialog === 'move' && <MoveOrgModal org={o} onClose={() => setDialog(null)} />}
      {dialog === 'close' && <CloseOrgModal org={o} onClose={() => setDialog(null)} />}
    </Card>
  );
}
