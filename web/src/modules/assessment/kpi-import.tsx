import { DeleteOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Flex,
  Input,
  Popconfirm,
  Result,
  Select,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import type { ImportPreview } from '#contracts/assessment-kpi';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  applyImport,
  type Columns,
  downloadTemplate,
  type ImportResult,
  kpiKeys,
  previewImport,
  useDeleteMapping,
  useKpis,
  useMappings,
  useSaveMapping,
} from './kpi-api.ts';
import { canApply, chooseField, columnsOf, fieldOptions } from './kpi-logic.ts';

// The import wizard: upload (with a saved mapping, or the one whose headers fit) → the columns as understood, each
// changeable, the mapping saved for next time → every problem by row and column, the values it will write, and how
// many it replaces → import, all or nothing. The server checks everything again on import.

type Step = 0 | 1 | 2;

export function KpiImport({ unitId }: { unitId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const kpis = useKpis(unitId);
  const mappings = useMappings(unitId, true);
  const saveMapping = useSaveMapping();
  const deleteMapping = useDeleteMapping();
  const [mappingId, setMappingId] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<Columns | undefined>();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [step, setStep] = useState<Step>(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [saveName, setSaveName] = useState('');

  const check = (f: File, cols: Columns | undefined) => {
    setBusy(true);
    setFailure(null);
    previewImport({ unitId, mappingId, columns: cols }, f)
      .then((p) => {
        setPreview(p);
        setColumns(columnsOf(p));
        setStep(p.mappingProblems.length > 0 || !p.layout ? 1 : 2);
      })
      .catch((e: unknown) => setFailure(errorText(e, t('error.unexpected'))))
      .finally(() => setBusy(false));
  };
  const restart = () => {
    setFile(null);
    setPreview(null);
    setColumns(undefined);
    setDone(null);
    setStep(0);
  };
  const apply = () => {
    if (!file) return;
    setBusy(true);
    applyImport({ unitId, mappingId, columns }, file)
      .then((r) => {
        setDone(r);
        void queryClient.invalidateQueries({ queryKey: kpiKeys.all });
        void queryClient.invalidateQueries({ queryKey: ['assessment'] });
      })
      .catch((e: unknown) => setFailure(errorText(e, t('error.unexpected'))))
      .finally(() => setBusy(false));
  };

  if (done)
    return (
      <Result
        status="success"
        title={t('assessment.kpi.import.done')}
        subTitle={t('assessment.kpi.import.result', {
          created: done.created,
          updated: done.updated,
          cycles: done.rescored.cycles,
          subjects: done.rescored.subjects,
        })}
        extra={<Button onClick={restart}>{t('assessment.kpi.import.again')}</Button>}
      />
    );

  const options = [
    { value: '', label: t('assessment.kpi.import.notImported') },
    ...fieldOptions(kpis.data ?? []),
  ];
  return (
    <Flex vertical gap={16} data-testid="kpi-import">
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('assessment.kpi.import.step.upload') },
          { title: t('assessment.kpi.import.step.mapping') },
          { title: t('assessment.kpi.import.step.preview') },
        ]}
      />
      {step === 0 && (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('assessment.kpi.import.hint')}
          </Typography.Paragraph>
          <Flex gap={8} wrap align="center">
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadTemplate().catch((e: unknown) => showError(e))}
            >
              {t('assessment.kpi.import.template')}
            </Button>
            <Select
              allowClear
              value={mappingId}
              onChange={setMappingId}
              placeholder={t('assessment.kpi.import.mappingAuto')}
              options={(mappings.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
              style={{ minWidth: 240 }}
              data-testid="kpi-import-mapping"
            />
            {mappingId && (
              <Popconfirm
                title={t('assessment.kpi.import.deleteConfirm', {
                  name: mappings.data?.find((m) => m.id === mappingId)?.name ?? '',
                })}
                onConfirm={() =>
                  deleteMapping.mutate(mappingId, {
                    onSuccess: () => setMappingId(undefined),
                    onError: (e) => showError(e),
                  })
                }
              >
                <Button icon={<DeleteOutlined />} aria-label={t('assessment.kpi.import.deleteMapping')} />
              </Popconfirm>
            )}
          </Flex>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              setFile(f);
              check(f, undefined);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{busy ? t('assessment.kpi.import.reading') : t('assessment.kpi.import.drop')}</p>
          </Upload.Dragger>
        </Flex>
      )}
      {step >= 1 && preview && (
        <Flex vertical gap={12}>
          {preview.mapping && (
            <Alert
              type="info"
              showIcon
              title={t('assessment.kpi.import.applied', { name: preview.mapping.name })}
            />
          )}
          {preview.mappingProblems.map((p) => (
            <Alert key={p.message} type="warning" showIcon title={p.message} />
          ))}
          <Table
            size="small"
            rowKey={(c) => c.column}
            pagination={false}
            dataSource={preview.columns}
            scroll={{ x: true }}
            columns={[
              { title: t('assessment.kpi.import.column'), dataIndex: 'header' },
              {
                title: t('assessment.kpi.import.field'),
                render: (_: unknown, c) => (
                  <Select
                    value={columns?.[c.header] ?? ''}
                    options={options}
                    style={{ minWidth: 200 }}
                    onChange={(v: string) => setColumns(chooseField(columns ?? {}, c.header, v || null))}
                  />
                ),
              },
            ]}
          />
          <Flex gap={8} wrap>
            <Button
              onClick={() => file && check(file, columns)}
              loading={busy}
              data-testid="kpi-import-recheck"
            >
              {t('assessment.kpi.import.recheck')}
            </Button>
            <Input
              value={saveName}
              onChange={(e) => setSaveName(e.target.value)}
              placeholder={t('assessment.kpi.import.saveName')}
              maxLength={40}
              style={{ maxWidth: 260 }}
            />
            <Button
              disabled={!saveName.trim() || !columns}
              loading={saveMapping.isPending}
              onClick={() =>
                columns &&
                saveMapping.mutate(
                  { unitId, name: saveName.trim(), columns },
                  {
                    onSuccess: (m) => {
                      setMappingId(m.id);
                      message.success(t('assessment.kpi.saved'));
                    },
                    onError: (e) => showError(e),
                  },
                )
              }
            >
              {t('assessment.kpi.import.saveMapping')}
            </Button>
          </Flex>
        </Flex>
      )}
      {step === 2 && preview && (
        <Flex vertical gap={12}>
          <Typography.Text>
            {t('assessment.kpi.import.summary', {
              rows: preview.rows,
              values: preview.values,
              replaces: preview.replaces,
            })}
          </Typography.Text>
          {preview.unknownDepartments.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('assessment.kpi.import.unknownDepartments', {
                names: preview.unknownDepartments.join('、'),
              })}
            />
          )}
          {preview.unknownKpis.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('assessment.kpi.import.unknownKpis', { names: preview.unknownKpis.join('、') })}
            />
          )}
          {preview.issues.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                title={t('assessment.kpi.import.problems', { n: preview.issues.length })}
              />
              <Table
                size="small"
                showHeader={false}
                rowKey={(i) => `${i.row}-${i.column}-${i.message}`}
                dataSource={preview.issues}
                pagination={preview.issues.length > 10 ? { pageSize: 10 } : false}
                data-testid="kpi-import-issues"
                columns={[
                  {
                    dataIndex: 'row',
                    width: 90,
                    render: (row: number) => (row > 0 ? t('assessment.kpi.import.row', { row }) : ''),
                  },
                  { dataIndex: 'column', width: 120 },
                  { dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <Table
              size="small"
              rowKey={(s) => `${s.row}-${s.kpiCode}`}
              dataSource={preview.sample}
              pagination={false}
              scroll={{ x: true }}
              title={() => t('assessment.kpi.import.sample', { n: preview.sample.length })}
              columns={[
                { title: t('assessment.kpi.import.rowHeader'), dataIndex: 'row', width: 70 },
                { title: t('assessment.kpi.department'), dataIndex: 'department' },
                { title: t('assessment.kpi.code'), dataIndex: 'kpiCode' },
                { title: t('assessment.kpi.period'), dataIndex: 'periodKey' },
                { title: t('assessment.kpi.value'), dataIndex: 'value' },
              ]}
            />
          )}
        </Flex>
      )}
      {failure && <Alert type="error" showIcon title={failure} />}
      {step > 0 && (
        <Flex gap={8}>
          <Button onClick={restart}>{t('assessment.kpi.import.back')}</Button>
          {step === 2 && preview && (
            <Button
              type="primary"
              disabled={!canApply(preview)}
              loading={busy}
              onClick={apply}
              data-testid="kpi-import-apply"
            >
              {t('assessment.kpi.import.apply')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
}
