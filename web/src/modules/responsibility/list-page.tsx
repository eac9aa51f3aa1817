// One responsibility list: its duties with owners, deadlines and the state of the current period; officers add and
// edit duties (or take up a higher level's), close them, ask for exemptions, report on an owner's behalf and publish.
import { ArrowLeftOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Item } from '#contracts/responsibility';
import { useCan } from '../../app/session.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ListFileButtons } from './list-files.tsx';
import { ItemsTable } from './list-items-table.tsx';
import { DomainTag, LevelTag } from './lists-labels.tsx';
import { useList, usePatchList } from './responsibility-api.ts';

const ItemDialog = lazy(async () => ({ default: (await import('./list-item-dialog.tsx')).ItemDialog }));
const ExemptionDialog = lazy(async () => ({
  default: (await import('./list-exemption-dialog.tsx')).ExemptionDialog,
}));
const ReportDialog = lazy(async () => ({ default: (await import('./list-report-dialog.tsx')).ReportDialog }));
const TemplateUpdateDialog = lazy(async () => ({
  default: (await import('./list-template-dialog.tsx')).TemplateUpdateDialog,
}));
const ItemDrawer = lazy(async () => ({ default: (await import('./list-item-drawer.tsx')).ItemDrawer }));

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; item: Item }
  | { kind: 'exempt'; item: Item }
  | { kind: 'report'; item: Item }
  | { kind: 'template' }
  | null;

export function ListPage() {
  const { id = '' } = useParams();
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const showError = useApiError();
  const list = useList(id);
  const publish = usePatchList();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const mayManage = can('responsibility.manage');

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <PageSpin />;
  const l = list.data;
  const close = () => setDialog(null);

  const onPublish = () =>
    publish.mutate(
      { id: l.id, status: 'published', version: l.version },
      {
        onSuccess: () => message.success(t('rs.list.publishedToast')),
        onError: (err) => {
          showError(err);
          void list.refetch();
        },
      },
    );

  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%' }}
      data-testid="responsibility-list-page"
    >
      <Card
        title={
          <Space wrap size={4}>
            <Link to={`/responsibility?year=${l.year}`} aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span style={{ whiteSpace: 'normal' }} data-testid="list-title">
              {l.title}
            </span>
          </Space>
        }
        extra={
          <Space wrap>
            <ListFileButtons list={l} />
            {mayManage && l.status === 'draft' && (
              <Popconfirm title={t('rs.list.publishConfirm')} onConfirm={onPublish}>
                <Button icon={<SendOutlined />} loading={publish.isPending} data-testid="list-publish">
                  {t('rs.list.publish')}
                </Button>
              </Popconfirm>
            )}
            {mayManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ kind: 'create' })}
                data-testid="item-create"
              >
                {t('rs.item.add')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label={t('rs.list.level')}>
            <LevelTag level={l.level} />
          </Descriptions.Item>
          <Descriptions.Item label={t('rs.list.org')}>{l.partyOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('rs.list.holder')}>
            {l.holderMemberName ?? t('rs.list.orgList')}
          </Descriptions.Item>
          <Descriptions.Item label={t('rs.list.status')}>
            {l.status === 'published' ? (
              <Tag color="green">{t('rs.list.published')}</Tag>
            ) : (
              <Tag>{t('rs.list.draft')}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('rs.list.counts')}>
            <Space size={2} wrap>
              <DomainTag domain="party" />
              {l.counts.party}
              <DomainTag domain="business" />
              {l.counts.business}
              <DomainTag domain="fusion" />
              {l.counts.fusion}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('rs.list.overdue')}>
            <span style={{ color: l.counts.overdue ? '#cf1322' : undefined }}>{l.counts.overdue}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('rs.list.template')}>
            {l.templateVersion
              ? t('rs.template.versionN', { n: l.templateVersion })
              : t('rs.list.noTemplate')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {l.templateUpdate && (
        <Alert
          type="warning"
          showIcon
          data-testid="list-template-update"
          title={t('rs.list.templateUpdate', { n: l.templateUpdate.version })}
          action={
            <Button
              size="small"
              onClick={() => setDialog({ kind: 'template' })}
              data-testid="list-template-review"
            >
              {t('rs.list.templateReview')}
            </Button>
          }
        />
      )}
      <Card title={t('rs.item.title')} data-testid="list-items">
        <ItemsTable
          list={l}
          loading={list.isFetching}
          onOpen={(item) => setDetailId(item.id)}
          onEdit={(item) => setDialog({ kind: 'edit', item })}
          onExempt={(item) => setDialog({ kind: 'exempt', item })}
          onReport={(item) => setDialog({ kind: 'report', item })}
        />
      </Card>
      <Suspense fallback={null}>
        {dialog?.kind === 'create' && <ItemDialog list={l} onClose={close} />}
        {dialog?.kind === 'edit' && <ItemDialog list={l} item={dialog.item} onClose={close} />}
        {dialog?.kind === 'exempt' && <ExemptionDialog item={dialog.item} onClose={close} />}
        {dialog?.kind === 'report' && <ReportDialog item={dialog.item} onClose={close} />}
        {dialog?.kind === 'template' && <TemplateUpdateDialog list={l} onClose={close} />}
        {detailId && <ItemDrawer itemId={detailId} onClose={() => setDetailId(null)} showListLink={false} />}
      </Suspense>
    </Space>
  );
}
