import {
  Alert,
  Button,
  Checkbox,
  List,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { ColumnChoice, ImportPreview, MappedImportResult } from '#contracts/transfer';
import { errorText } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ImportResultView } from './import-result.tsx';
import { confirmImport, overridesOf, previewAgain, previewAsResult } from './transfer-api.ts';

type Props = {
  preview: ImportPreview;
  onPreview: (next: ImportPreview) => void;
  onDone: (result: MappedImportResult) => void;
  onRetry: () => void;
};

/**
 * The mapping step: every column of the file with the field it will be imported as (a Select per column), the
 * columns that will not be imported, the first rows as they will be stored, the warnings to accept, then confirm.
 * On a phone the mapping is a list of cards rather than a wide table.
 */
export function MappingStep({ preview, onPreview, onDone, onRetry }: Props) {
  const t = useT();
  const screens = useScreens();
  const phone = !screens.md;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(false);

  const fieldsFor = (c: ColumnChoice) => preview.fields.filter((f) => !f.sheet || f.sheet === c.sheet);
  const change = (c: ColumnChoice, field: string | null) => {
    const columns = overridesOf(preview).map((o) =>
      o.column === c.column && (o.sheet ?? '') === (c.sheet ?? '') ? { ...o, field } : o,
    );
    setBusy(true);
    setError(null);
    previewAgain(preview.kind, preview.token, columns)
      .then((next) => {
        setAccepted(false);
        onPreview(next);
      })
      .catch((err: unknown) => setError(errorText(err, t('error.unexpected'))))
      .finally(() => setBusy(false));
  };
  const confirm = () => {
    setBusy(true);
    setError(null);
    confirmImport(preview.kind, preview.token, overridesOf(preview), accepted)
      .then(onDone)
      .catch((err: unknown) => setError(errorText(err, t('error.unexpected'))))
      .finally(() => setBusy(false));
  };

  const sourceTag = (c: ColumnChoice) =>
    c.source === 'saved' ? (
      <Tag color="blue">{t('import.sourceSaved')}</Tag>
    ) : c.source === 'synonym' ? (
      <Tag color="green">{t('import.sourceSynonym')}</Tag>
    ) : c.source === 'chosen' ? (
      <Tag color="gold">{t('import.sourceChosen')}</Tag>
    ) : null;
  const select = (c: ColumnChoice) => (
    <Select
      value={c.field ?? ''}
      disabled={busy}
      style={{ width: '100%', minWidth: 160 }}
      onChange={(v: string) => change(c, v === '' ? null : v)}
      data-testid={`import-map-${c.column}`}
      aria-label={c.header}
      options={[
        { value: '', label: t('import.notImported') },
        ...fieldsFor(c).map((f) => ({ value: f.key, label: f.required ? `${f.label} *` : f.label })),
      ]}
    />
  );
  const multiSheet = preview.columns.some((c) => c.sheet);
  const mappingColumns: TableColumnsType<ColumnChoice & { key: string }> = [
    ...(multiSheet ? [{ title: t('import.sheet'), dataIndex: 'sheet' as const, width: 96 }] : []),
    {
      title: t('import.fileColumn'),
      dataIndex: 'header',
      render: (h: string, c) => (
        <span>
          {h} {sourceTag(c)}
        </span>
      ),
    },
    { title: t('import.field'), key: 'field', render: (_: unknown, c) => select(c) },
  ];

  const sampleKeys = [...new Set(preview.sample.flatMap((s) => Object.keys(s.values)))];
  const sampleColumns = [
    { title: t('import.row'), dataIndex: 'row', width: 64, fixed: 'left' as const },
    ...sampleKeys.map((k, i) => ({
      title: k,
      key: k,
      // The name stays visible while the table scrolls sideways on a phone.
      ...(i === 1 ? { fixed: 'left' as const } : {}),
      render: (_: unknown, r: ImportPreview['sample'][number]) => r.values[k] ?? '',
    })),
  ];
  const blocked = preview.mappingProblems.length > 0 || preview.issues.length > 0;
  const needsAccept = preview.warnings.length > 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="import-mapping">
      <Typography.Paragraph>
        {t('import.mappingHelp', { sheet: preview.sheet, row: preview.headerRow })}
      </Typography.Paragraph>
      {preview.savedMapping && <Alert type="info" showIcon title={t('import.savedMapping')} />}
      {error && <Alert type="error" showIcon title={error} data-testid="import-mapping-error" />}
      {preview.unmappedColumns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-unmapped"
          title={t('import.unmapped', {
            n: preview.unmappedColumns.length,
            columns: preview.unmappedColumns.join('、'),
          })}
        />
      )}
      {preview.mappingProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('import.mappingProblems')}
          description={preview.mappingProblems.join('；')}
          data-testid="import-mapping-problems"
        />
      )}
      {phone ? (
        <List
          dataSource={preview.columns}
          renderItem={(c) => (
            <List.Item key={`${c.sheet ?? ''}-${c.column}`}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <span>
                  {c.sheet ? `${c.sheet}：` : ''}
                  {c.header} {sourceTag(c)}
                </span>
                {select(c)}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          pagination={false}
          columns={mappingColumns}
          dataSource={preview.columns.map((c) => ({ ...c, key: `${c.sheet ?? ''}-${c.column}` }))}
        />
      )}
      {busy && <Typography.Text type="secondary">{t('import.refreshing')}</Typography.Text>}
      {preview.notices.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('import.notices', { n: preview.notices.length })}
          description={preview.notices.map((n) => `${n.row}：${n.value ?? ''} ${n.reason}`).join('；')}
          data-testid="import-notices"
        />
      )}
      {preview.sample.length > 0 && (
        <>
          <Typography.Text strong>{t('import.preview', { n: preview.sample.length })}</Typography.Text>
          <Typography.Text data-testid="import-preview-counts">
            {t('import.previewCounts', {
              rows: preview.rows,
              created: preview.created,
              updated: preview.updated,
              unchanged: preview.unchanged,
            })}
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            columns={sampleColumns}
            dataSource={preview.sample.map((s) => ({ ...s, key: s.row }))}
            scroll={{ x: 'max-content' }}
            data-testid="import-preview"
          />
        </>
      )}
      {preview.issues.length > 0 ? (
        <ImportResultView result={previewAsResult(preview)} onRetry={onRetry} />
      ) : (
        <>
          {needsAccept && (
            <Alert
              type="warning"
              showIcon
              title={t('import.warnings', { n: preview.warnings.length })}
              data-testid="import-warnings"
              description={
                <Space orientation="vertical">
                  {preview.warnings.slice(0, 50).map((w) => (
                    <span key={`${w.sheet}-${w.row}-${w.column}`}>
                      {t('import.row')} {w.row} · {w.column}：{w.reason}
                    </span>
                  ))}
                  <Checkbox
                    checked={accepted}
                    onChange={(e) => setAccepted(e.target.checked)}
                    data-testid="import-accept-warnings"
                  >
                    {t('import.acceptWarnings')}
                  </Checkbox>
                </Space>
              }
            />
          )}
          <Space wrap>
            <Button
              type="primary"
              loading={busy}
              disabled={blocked || (needsAccept && !accepted)}
              onClick={confirm}
              data-testid="import-confirm"
            >
              {t('import.confirm')}
            </Button>
            <Button onClick={onRetry} disabled={busy}>
              {t('import.uploadAgain')}
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}
