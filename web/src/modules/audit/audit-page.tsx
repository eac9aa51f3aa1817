import { DownloadOutlined, SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditEntry, AuditVerify } from '#contracts/audit';
import { AUDIT_ENTITY_LABELS, auditActionLabel, auditEntityLabel } from '#contracts/audit-labels';
import type { Page } from '#contracts/common';
import { downloadFile, http, type QueryParams } from '../../api/http.ts';
import { formatDateTime, toIsoDate } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { AuditDiffView } from './audit-diff-view.tsx';

type FilterValues = {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
};

export function filterQuery(v: FilterValues): QueryParams {
  return {
    from: toIsoDate(v.range?.[0]),
    to: toIsoDate(v.range?.[1]),
    actor: v.actor?.trim(),
    action: v.action?.trim(),
    entityType: v.entityType?.trim(),
    entityId: v.entityId?.trim(),
  };
}

export function AuditPage() {
  const t = useT();
  const lang = useLocale().locale === 'en' ? 'en' : 'zh';
  const screens = useScreens();
  const showError = useApiError();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<QueryParams>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [exporting, setExporting] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerify | null>(null);
  const audit = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: ({ signal }) => http.get<Page<AuditEntry>>('/api/audit', { ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({
    mutationFn: () => http.get<AuditVerify>('/api/audit/verify'),
    onSuccess: setVerifyResult,
    onError: (err) => showError(err),
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'seq', width: 72 },
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_v, e) =>
        e.actorName ? `${e.actorName}（${e.actorUsername ?? ''}）` : (e.actorUsername ?? '—'),
    },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => auditActionLabel(v, lang) },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_v, e) =>
        e.entityType ? `${auditEntityLabel(e.entityType, lang)} · ${e.entityName ?? e.entityId ?? ''}` : '—',
    },
  ];

  const col = { xs: 24, sm: 12, lg: 8 };
  return (
    <Card
      title={t('audit.title')}
      extra={
        <Space wrap>
          <Button
            icon={<SafetyOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {screens.sm ? t('audit.verify') : null}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            data-testid="audit-export"
            onClick={() => {
              setExporting(true);
              downloadFile('/api/audit/export', filters, '审计日志.xlsx')
                .catch((err: unknown) => showError(err))
                .finally(() => setExporting(false));
            }}
          >
            {screens.sm ? t('audit.export') : null}
          </Button>
        </Space>
      }
    >
      <Form<FilterValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFilters(filterQuery(v));
          setPage(1);
        }}
        data-testid="audit-filters"
      >
        <Row gutter={12}>
          <Col {...col}>
            <Form.Item name="range" label={t('audit.range')}>
              <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="actor" label={t('audit.actor')}>
              <Input allowClear maxLength={64} placeholder={t('audit.actorHint')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="action" label={t('audit.action')}>
              <Input allowClear maxLength={64} placeholder={t('audit.actionHint')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="entityType" label={t('audit.entityType')}>
              <Select
                allowClear
                options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, l]) => ({ value, label: l[lang] }))}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="entityId" label={t('audit.entityId')}>
              <Input allowClear maxLength={64} />
            </Form.Item>
          </Col>
          <Col {...col} style={{ display: 'flex', alignItems: 'flex-end' }}>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('common.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setFilters({});
                    setPage(1);
                  }}
                >
                  {t('common.reset')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {audit.isError && <QueryError error={audit.error} onRetry={() => void audit.refetch()} />}
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="seq"
          size={screens.md ? 'middle' : 'small'}
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (entry) => <AuditDiffView entry={entry} />,
            rowExpandable: (e) => e.before != null || e.after != null || e.details != null,
          }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            simple: !screens.sm,
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </div>
      <Modal
        open={verifyResult !== null}
        title={t('audit.verifyTitle')}
        onCancel={() => setVerifyResult(null)}
        onOk={() => setVerifyResult(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {verifyResult &&
          (verifyResult.ok ? (
            <Alert
              type="success"
              showIcon
              title={t('audit.verifyOk', { n: verifyResult.checked })}
              data-testid="audit-verify-result"
            />
          ) : (
            <Alert
              type="error"
              showIcon
              data-testid="audit-verify-result"
              title={t('audit.verifyBroken', {
                seq: verifyResult.firstBrokenSeq ?? '?',
                n: verifyResult.checked,
              })}
              description={verifyResult.reason ?? undefined}
            />
          ))}
      </Modal>
    </Card>
  );
}
