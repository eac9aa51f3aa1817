import { CheckOutlined, EditOutlined, RollbackOutlined, SendOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CASE_STATUS_LABELS, type ShowcaseCase } from '#contracts/fusion-brand';
import { useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { AttachmentList } from '../attachment/attachment-list.tsx';
import { AttachmentUpload } from '../attachment/attachment-upload.tsx';
import { CaseEditDialog, CaseReturnDialog } from './case-dialogs.tsx';
import { CASE_OWNER_KIND, type CaseStepCall, useCaseStep } from './fusion-brand-api.ts';
import { CASE_STATUS_COLOUR } from './fusion-labels.ts';

// A typical case opened over its list or the showcase: the problem, what the branch did, the measured result and the
// photos, with the steps the reader may take (edit, submit, publish or return, select for all organs).

function Section({ title, text }: { title: string; text: string }) {
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text || '—'}</Typography.Paragraph>
    </div>
  );
}

function Steps({ item }: { item: ShowcaseCase }) {
  const t = useT();
  const { message } = App.useApp();
  const step = useCaseStep();
  const showError = useApiError();
  const [editing, setEditing] = useState(false);
  const [returning, setReturning] = useState(false);
  const run = (call: CaseStepCall, done: string) =>
    step.mutate(call, { onSuccess: () => message.success(done), onError: (err) => showError(err) });
  const v = { version: item.version };
  return (
    <Space wrap>
      {item.can.edit && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="case-edit">
          {t('common.edit')}
        </Button>
      )}
      {item.can.submit && (
        <Popconfirm
          title={t('fusion.case.submitConfirm')}
          onConfirm={() => run({ step: 'submit', id: item.id, body: v }, t('fusion.case.submitted'))}
        >
          <Button type="primary" icon={<SendOutlined />} loading={step.isPending} data-testid="case-submit">
            {t('fusion.case.submit')}
          </Button>
        </Popconfirm>
      )}
      {item.can.publish && (
        <>
          <Popconfirm
            title={t('fusion.case.publishConfirm')}
            onConfirm={() => run({ step: 'publish', id: item.id, body: v }, t('fusion.case.published'))}
          >
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={step.isPending}
              data-testid="case-publish"
            >
              {t('fusion.case.publish')}
            </Button>
          </Popconfirm>
          <Button
            danger
            icon={<RollbackOutlined />}
            onClick={() => setReturning(true)}
            data-testid="case-return"
          >
            {t('fusion.case.return')}
          </Button>
        </>
      )}
      {item.can.select && (
        <Button
          icon={<StarOutlined />}
          loading={step.isPending}
          onClick={() =>
            run(
              { step: 'select', id: item.id, body: { ...v, selected: !item.committeeSelected } },
              item.committeeSelected ? t('fusion.case.unselected') : t('fusion.case.selectedDone'),
            )
          }
          data-testid="case-select"
        >
          {item.committeeSelected ? t('fusion.case.unselect') : t('fusion.case.select')}
        </Button>
      )}
      {editing && <CaseEditDialog item={item} onClose={() => setEditing(false)} />}
      {returning && <CaseReturnDialog item={item} onClose={() => setReturning(false)} />}
    </Space>
  );
}

export function CaseDrawer({ item, onClose }: { item: ShowcaseCase | null; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const screens = useScreens();
  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={item?.title}
      destroyOnHidden
      data-testid="case-drawer"
    >
      {item && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space size={4} wrap>
            <Tag color={CASE_STATUS_COLOUR[item.status]} data-testid="case-status">
              {label(CASE_STATUS_LABELS[item.status])}
            </Tag>
            {item.committeeSelected && <Tag color="gold">{t('fusion.case.selectedTag')}</Tag>}
            <Typography.Text type="secondary">
              {item.unitName} · {item.partyOrgName}
              {item.publishedOn && ` · ${t('fusion.case.publishedOn', { date: item.publishedOn })}`}
            </Typography.Text>
          </Space>
          {(item.projectId || item.brandId) && (
            <Typography.Text type="secondary">
              {t('fusion.case.source')}：
              {item.projectId ? (
                <Link to={`/fusion/projects/${item.projectId}`}>{item.projectTitle}</Link>
              ) : (
                <Link to={`/fusion/brands/${item.brandId}`}>{item.brandName}</Link>
              )}
            </Typography.Text>
          )}
          {item.status === 'returned' && item.returnNote && (
            <Alert type="warning" showIcon title={t('fusion.case.returnNote', { note: item.returnNote })} />
          )}
          <Steps item={item} />
          <Section title={t('fusion.case.problem')} text={item.problem} />
          <Section title={t('fusion.case.actions')} text={item.actions} />
          <Section title={t('fusion.case.result')} text={item.result} />
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('fusion.case.photos')}
          </Typography.Title>
          {item.can.edit ? (
            <AttachmentUpload ownerKind={CASE_OWNER_KIND} ownerId={item.id} testId="case-photos" />
          ) : (
            <AttachmentList ownerKind={CASE_OWNER_KIND} ownerId={item.id} empty={t('fusion.case.noPhotos')} />
          )}
        </Space>
      )}
    </Drawer>
  );
}
