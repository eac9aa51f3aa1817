import { ArrowLeftOutlined, EditOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useMember, useMemberHistory } from './member-api.ts';
import { MemberFormModal } from './member-form-modal.tsx';
import { CategoryTag, StatusTag, useMemberLabels } from './member-labels.tsx';
import { LeaveModal, TransferModal } from './member-move-dialogs.tsx';
import { MaskedNumber, useMemberReveal } from './member-numbers.tsx';

type Dialog = 'edit' | 'transfer' | 'leave' | null;

export function MemberDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const labels = useMemberLabels();
  const can = useCan();
  const navigate = useNavigate();
  const member = useMember(id);
  const history = useMemberHistory(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const reveal = useMemberReveal(id);

  if (member.isError) return <QueryError error={member.error} onRetry={() => void member.refetch()} />;
  if (!member.data) return <Card loading />;
  const m = member.data;
  const active = m.status === 'active';
  const dash = (v: string | null) => v ?? '—';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        data-testid="member-detail"
        title={
          <Space wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('common.back')}
              onClick={() => navigate(-1)}
            />
            <span>{m.name}</span>
            <CategoryTag category={m.category} />
            <StatusTag status={m.status} />
          </Space>
        }
      >
        {can('member.write') && (
          <Space wrap style={{ marginBottom: 16 }}>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="member-edit">
              {t('common.edit')}
            </Button>
            <Button
              icon={<SwapOutlined />}
              disabled={!active}
              onClick={() => setDialog('transfer')}
              data-testid="member-transfer"
            >
              {t('member.transfer')}
            </Button>
            <Button
              danger
              icon={<LogoutOutlined />}
              disabled={!active}
              onClick={() => setDialog('leave')}
              data-testid="member-leave"
            >
              {t('member.leave')}
            </Button>
          </Space>
        )}
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" bordered>
          <Descriptions.Item label={t('member.name')}>{m.name}</Descriptions.Item>
          <Descriptions.Item label={t('member.gender')}>{labels.gender(m.gender)}</Descriptions.Item>
          <Descriptions.Item label={t('member.idNumber')}>
            <MaskedNumber masked={m.idNumber} field="idNumber" reveal={reveal} testId="member-id-number" />
          </Descriptions.Item>
          {m.birthDate || reveal.numbers?.birthDate ? (
            <Descriptions.Item label={t('member.birthDate')}>
              {m.birthDate ?? reveal.numbers?.birthDate}
            </Descriptions.Item>
          ) : (
            <Descriptions.Item label={t('member.birthMonth')}>{dash(m.birthMonth)}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('member.ethnicity')}>{dash(m.ethnicity)}</Descriptions.Item>
          <Descriptions.Item label={t('member.education')}>{dash(m.education)}</Descriptions.Item>
          <Descriptions.Item label={t('member.phone')}>
            <MaskedNumber masked={m.phone} field="phone" reveal={reveal} testId="member-phone" />
          </Descriptions.Item>
          <Descriptions.Item label={t('member.partyOrg')}>{m.partyOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('member.partyPost')}>{labels.post(m.partyPost)}</Descriptions.Item>
          <Descriptions.Item label={t('member.department')}>{dash(m.departmentName)}</Descriptions.Item>
          <Descriptions.Item label={t('member.businessPost')}>{dash(m.businessPost)}</Descriptions.Item>
          <Descriptions.Item label={t('member.joinedOn')}>{dash(m.joinedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('member.fullOn')}>{dash(m.fullOn)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('member.history')}>
        {history.isError && <QueryError error={history.error} onRetry={() => void history.refetch()} />}
        {history.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {history.data && history.data.length > 0 && (
          <Timeline
            data-testid="member-history"
            items={history.data.map((h, i) => ({
              key: `${h.partyOrgId}:${h.fromOn}:${i}`,
              color: h.toOn ? 'gray' : 'red',
              title: `${h.fromOn} ~ ${h.toOn ?? t('member.untilNow')}`,
              content: (
                <>
                  <Typography.Text strong>{h.partyOrgName}</Typography.Text>
                  {h.reason && (
                    <div>
                      <Typography.Text type="secondary">{h.reason}</Typography.Text>
                    </div>
                  )}
                </>
              ),
            }))}
          />
        )}
      </Card>
      {dialog === 'edit' && (
        <MemberFormModal mode="edit" member={m} onClose={() => setDialog(null)} onSaved={() => undefined} />
      )}
      {dialog === 'transfer' && <TransferModal member={m} onClose={() => setDialog(null)} />}
      {dialog === 'leave' && <LeaveModal member={m} onClose={() => setDialog(null)} />}
    </Space>
  );
}
