// The work committee's work points of a year (年度工作要点): what every organ's lists take up and the coverage view
// follows. Read by everyone in the responsibility system, kept by the work committee's officers.
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { WorkPoint } from '#contracts/responsibility';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { DomainTag } from './lists-labels.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { useYearParam, YearSelect } from './lists-year-select.tsx';
import { respKeys, useWorkPoints } from './responsibility-api.ts';
import {
  downloadWorkPointTemplate,
  importWorkPoints,
  RESPONSIBILITY_FILE_LABELS,
} from './responsibility-files-api.ts';

const ImportDialog = lazy(async () => ({ default: (await import('./list-import-dialog.tsx')).ImportDialog }));
const WorkPointDialog = lazy(async () => ({
  default: (await import('./work-point-dialog.tsx')).WorkPointDialog,
}));

export function WorkPointPanel() {
  const t = useT();
  const can = useCan();
  const [year, setYear] = useYearParam();
  const points = useWorkPoints(year);
  const [editing, setEditing] = useState<WorkPoint | 'new' | null>(null);
  const mayEdit = can('responsibility.template');
  const label = useLabel();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);

  const columns: Column<WorkPoint>[] = [
    {
      key: 'title',
      title: t('rs.workPoint.title'),
      primary: true,
      render: (p) => (
        <div style={{ maxWidth: 480, whiteSpace: 'normal' }}>
          <Typography.Text type="secondary">{p.seq}. </Typography.Text>
          {p.title}
          {p.detail && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.detail}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'domain',
      title: t('rs.item.domain'),
      render: (p) => (
        <span>
          <DomainTag domain={p.domain} />
          {p.category}
        </span>
      ),
    },
    { key: 'weight', title: t('rs.item.weight'), render: (p) => p.weight },
    ...(mayEdit
      ? [
          {
            key: 'edit',
            title: t('common.actions'),
            actions: true,
            render: (p: WorkPoint) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <YearSelect value={year} onChange={setYear} data-testid="work-points-year" />
        {mayEdit && (
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {label(RESPONSIBILITY_FILE_LABELS.workPointImport)}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="work-point-add"
            >
              {t('rs.workPoint.add')}
            </Button>
          </Space>
        )}
      </Flex>
      {points.isError && <QueryError error={points.error} onRetry={() => void points.refetch()} />}
      <ResponsiveTable<WorkPoint>
        rowKey={(p) => p.id}
        columns={columns}
        dataSource={points.data ?? []}
        loading={points.isFetching}
        emptyText={t('rs.workPoint.empty', { year })}
        data-testid="work-points"
      />
      {importing && (
        <Suspense fallback={null}>
          <ImportDialog
            title={t('rs.files.importPointsTitle', { year })}
            templateLabel={label(RESPONSIBILITY_FILE_LABELS.workPointTemplate)}
            onTemplate={downloadWorkPointTemplate}
            onImport={(file) => importWorkPoints(year, file, file.name)}
            onClose={(applied) => {
              setImporting(false);
              if (applied) void queryClient.invalidateQueries({ queryKey: respKeys.workPoints(year) });
            }}
          />
        </Suspense>
      )}
      {editing && (
        <Suspense fallback={null}>
          <WorkPointDialog
            year={year}
            point={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
          />
        </Suspense>
      )}
    </Flex>
  );
}
