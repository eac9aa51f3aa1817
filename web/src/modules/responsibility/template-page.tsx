// 清单模板: the work committee's standard list template, version by version with what each changed, and the annual
// work points. The work committee's officers publish new versions and keep the work points.
import { CloudUploadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Segmented,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  LEVEL_LABELS,
  LEVELS,
  type Level,
  RECURRENCE_LABELS,
  type Template,
  type TemplateItem,
} from '#contracts/responsibility';
import { useCan } from '../../app/session.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { DomainTag, LevelTag } from './lists-labels.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { useRecordKinds, useTemplate, useTemplates } from './responsibility-api.ts';
import { WorkPointPanel } from './work-point-panel.tsx';

const PublishDrawer = lazy(async () => ({
  default: (await import('./template-publish-drawer.tsx')).TemplatePublishDrawer,
}));

const CHANGE_COLORS = { added: 'green', changed: 'blue', removed: 'default' } as const;

export function TemplatePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'points' ? 'points' : 'versions';
  return (
    <Card title={t('rs.template.pageTitle')} data-testid="templates-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'points' ? { tab: 'points' } : {}, { replace: true })}
        items={[
          { key: 'versions', label: t('rs.template.tabVersions'), children: <Versions /> },
          { key: 'points', label: t('rs.template.tabPoints'), children: <WorkPointPanel /> },
        ]}
      />
    </Card>
  );
}

function Versions() {
  const t = useT();
  const can = useCan();
  const templates = useTemplates();
  const [chosen, setChosen] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const latestId = templates.data?.[0]?.id ?? null;
  const id = chosen ?? latestId;
  const template = useTemplate(id);
  const latest = useTemplate(latestId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex gap={8} wrap justify="space-between">
        <Select
          style={{ minWidth: 280 }}
          value={id ?? undefined}
          onChange={setChosen}
          loading={templates.isLoading}
          placeholder={t('rs.template.noneYet')}
          options={(templates.data ?? []).map((v) => ({
            value: v.id,
            label: `${t('rs.template.versionN', { n: v.version })} · ${v.title}`,
          }))}
          data-testid="template-version"
        />
        {can('responsibility.template') && (
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={() => setPublishing(true)}
            disabled={templates.isLoading}
            data-testid="template-publish"
          >
            {t('rs.template.publish')}
          </Button>
        )}
      </Flex>
      {templates.isError && <QueryError error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.data?.length === 0 && <Empty description={t('rs.template.noneYet')} />}
      {template.isError && <QueryError error={template.error} />}
      {template.data && <TemplateView template={template.data} />}
      {publishing && (
        <Suspense fallback={null}>
          <PublishDrawer
            base={latest.data ?? null}
            onClose={() => setPublishing(false)}
            onPublished={(tid) => {
              setPublishing(false);
              setChosen(tid);
            }}
          />
        </Suspense>
      )}
    </Space>
  );
}

function TemplateView({ template }: { template: Template }) {
  const t = useT();
  const label = useLabel();
  const [level, setLevel] = useState<Level | 'all'>('all');
  const kinds = useRecordKinds();
  const kindLabel = new Map((kinds.data ?? []).map((k) => [k.key, label({ zh: k.label, en: k.labelEn })]));
  const items = level === 'all' ? template.items : template.items.filter((i) => i.level === level);
  const columns: Column<TemplateItem>[] = [
    {
      key: 'title',
      title: t('rs.item.name'),
      primary: true,
      render: (i) => (
        <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
          <Typography.Text code>{i.key}</Typography.Text> {i.title}
          {i.detail && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.detail}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { key: 'level', title: t('rs.list.level'), render: (i) => <LevelTag level={i.level} /> },
    {
      key: 'domain',
      title: t('rs.item.domain'),
      render: (i) => (
        <span>
          <DomainTag domain={i.domain} />
          {i.category}
        </span>
      ),
    },
    {
      key: 'recurrence',
      title: t('rs.item.recurrence'),
      render: (i) => label(RECURRENCE_LABELS[i.recurrence]),
    },
    {
      key: 'recordKind',
      title: t('rs.item.recordKind'),
      render: (i) => (i.recordKind ? (kindLabel.get(i.recordKind) ?? i.recordKind) : '—'),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('rs.template.version')}>
          <Tag color="red">{t('rs.template.versionN', { n: template.version })}</Tag>
          {template.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('rs.template.publishedBy')}>{template.publishedByName}</Descriptions.Item>
        <Descriptions.Item label={t('rs.template.publishedAt')}>
          {formatDateTime(template.publishedAt)}
        </Descriptions.Item>
        {template.changeNote && (
          <Descriptions.Item label={t('rs.template.changeNote')} span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{template.changeNote}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {template.changes.length > 0 && (
        <div data-testid="template-version-changes">
          <Typography.Text strong>{t('rs.template.changesFromPrevious')}</Typography.Text>
          <Flex wrap gap={4} style={{ marginTop: 4 }}>
            {template.changes.map((c) => (
              <Tag key={`${c.change}-${c.key}`} color={CHANGE_COLORS[c.change]}>
                {t(`rs.template.${c.change}`)} {c.key} {c.title}
              </Tag>
            ))}
          </Flex>
        </div>
      )}
      <Segmented<Level | 'all'>
        value={level}
        onChange={setLevel}
        options={[
          { value: 'all', label: t('rs.template.allLevels', { n: template.items.length }) },
          ...LEVELS.map((l) => ({
            value: l,
            label: `${label(LEVEL_LABELS[l])} ${template.items.filter((i) => i.level === l).length}`,
          })),
        ]}
      />
      <ResponsiveTable<TemplateItem>
        rowKey={(i) => i.key}
        columns={columns}
        dataSource={items}
        data-testid="template-items"
      />
    </Space>
  );
}
