import { LinkOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Flex, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { LinkedRecord, Project } from '#contracts/fusion-project';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { isRecordKind, KIND_COLOUR, KIND_LABEL } from '../branch/records-labels.ts';
import { useLinkRecords, useRecordCandidates, useUnlinkRecord } from './fusion-api.ts';

// Branch work records linked as the project's activity (a 主题党日 spent on the problem, a 党课 on it…): picked from
// the held records of the project's organisations, and unlinked again.

function KindTag({ kind }: { kind: string }) {
  const t = useT();
  return isRecordKind(kind) ? <Tag color={KIND_COLOUR[kind]}>{t(KIND_LABEL[kind])}</Tag> : <Tag>{kind}</Tag>;
}

function RecordLine({ record }: { record: LinkedRecord }) {
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      <Space size={4} wrap>
        <KindTag kind={record.kind} />
        <Link to={`/branch/records/${record.id}`} style={{ overflowWrap: 'anywhere' }}>
          {record.topic}
        </Link>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {record.date} · {record.partyOrgName}
      </Typography.Text>
    </Space>
  );
}

function PickRecordsDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const candidates = useRecordCandidates(project.id, q, true);
  const link = useLinkRecords();
  const showError = useApiError();
  const linked = new Set(project.records.map((r) => r.id));
  const offered = (candidates.data ?? []).filter((r) => !linked.has(r.id));
  return (
    <Modal
      open
      title={t('fusion.records.pickTitle')}
      onCancel={onClose}
      okText={t('fusion.records.link', { n: picked.length })}
      okButtonProps={{ disabled: picked.length === 0, 'data-testid': 'records-link-confirm' }}
      confirmLoading={link.isPending}
      onOk={() =>
        link.mutate(
          { id: project.id, recordIds: picked },
          {
            onSuccess: () => {
              message.success(t('fusion.records.linked'));
              onClose();
            },
            onError: (err) => showError(err),
          },
        )
      }
      destroyOnHidden
    >
      <Input.Search
        allowClear
        placeholder={t('fusion.records.search')}
        onSearch={(value) => setQ(value.trim())}
        style={{ marginBottom: 8 }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('fusion.records.pickHint')}
      </Typography.Paragraph>
      <Checkbox.Group value={picked} onChange={(v) => setPicked(v.map(String))} style={{ width: '100%' }}>
        <List
          size="small"
          loading={candidates.isFetching}
          dataSource={offered}
          locale={{ emptyText: t('fusion.records.noCandidates') }}
          style={{ maxHeight: 360, overflowY: 'auto', width: '100%' }}
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0 }} data-testid="record-candidate">
              <Checkbox value={r.id}>
                <RecordLine record={r} />
              </Checkbox>
            </List.Item>
          )}
        />
      </Checkbox.Group>
    </Modal>
  );
}

export function ProjectRecords({ project }: { project: Project }) {
  const t = useT();
  const unlink = useUnlinkRecord();
  const showError = useApiError();
  const [picking, setPicking] = useState(false);
  return (
    <Card
      size="small"
      title={t('fusion.records.title')}
      data-testid="project-records"
      extra={
        project.can.edit && (
          <Button
            size="small"
            icon={<LinkOutlined />}
            onClick={() => setPicking(true)}
            data-testid="records-pick"
          >
            {t('fusion.records.pick')}
          </Button>
        )
      }
    >
      {project.records.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fusion.records.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {project.records.map((r) => (
            <Flex key={r.id} justify="space-between" align="start" gap={8} data-testid="linked-record">
              <RecordLine record={r} />
              {project.can.edit && (
                <Button
                  type="link"
                  size="small"
                  danger
                  loading={unlink.isPending && unlink.variables?.recordId === r.id}
                  onClick={() =>
                    unlink.mutate({ id: project.id, recordId: r.id }, { onError: (err) => showError(err) })
                  }
                >
                  {t('fusion.records.unlink')}
                </Button>
              )}
            </Flex>
          ))}
        </Flex>
      )}
      {picking && <PickRecordsDialog project={project} onClose={() => setPicking(false)} />}
    </Card>
  );
}
