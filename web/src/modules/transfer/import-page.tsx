import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Radio, Space, Steps, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import type { ImportKind, ImportPreview, ImportResult } from '#contracts/transfer';
import { downloadFile } from '../../api/http.ts';
import { useCan } from '../../app/session.tsx';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ImportResultView } from './import-result.tsx';
import { MappingStep } from './mapping-step.tsx';
import { IMPORT_PATHS, TEMPLATE_FILE_NAMES, uploadForPreview } from './transfer-api.ts';

const KINDS: readonly ImportKind[] = ['members', 'organisations'];
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportPage() {
  const t = useT();
  const can = useCan();
  const showError = useApiError();
  const allowed = KINDS.filter((k) => can(IMPORT_PATHS[k].permission));
  const [kind, setKind] = useState<ImportKind | null>(allowed.length === 1 ? (allowed[0] ?? null) : null);
  const [step, setStep] = useState(kind ? 1 : 0);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!kind || !(file instanceof Blob)) return;
    setUploadError(null);
    setUploading(true);
    const name = file instanceof File ? file.name : 'upload.xlsx';
    uploadForPreview(kind, file, name)
      .then((res) => {
        onSuccess?.(res);
        setPreview(res);
        setStep(3);
      })
      .catch((err: unknown) => {
        onError?.(err instanceof Error ? err : new Error(String(err)));
        setUploadError(errorText(err, t('error.unexpected')));
      })
      .finally(() => setUploading(false));
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setUploadError(t('import.onlyXlsx'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const kindLabel = (k: ImportKind) => (k === 'members' ? t('import.kindMembers') : t('import.kindOrgs'));

  return (
    <Card title={t('import.title')}>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { title: t('import.stepKind') },
          { title: t('import.stepTemplate') },
          { title: t('import.stepUpload') },
          { title: t('import.stepMapping') },
          { title: t('import.stepResult') },
        ]}
      />
      {step === 0 && (
        <Space orientation="vertical" size="middle">
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
            <Space orientation="vertical">
              {allowed.map((k) => (
                <Radio key={k} value={k} data-testid={`import-kind-${k}`}>
                  {kindLabel(k)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          <Button type="primary" disabled={!kind} onClick={() => setStep(1)} data-testid="import-next">
            {t('common.next')}
          </Button>
        </Space>
      )}
      {step === 1 && kind && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('import.templateHelp', { kind: kindLabel(kind) })}</Typography.Paragraph>
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={downloading}
              data-testid="import-template-download"
              onClick={() => {
                setDownloading(true);
                downloadFile(IMPORT_PATHS[kind].template, undefined, TEMPLATE_FILE_NAMES[kind])
                  .catch((err: unknown) => showError(err))
                  .finally(() => setDownloading(false));
              }}
            >
              {t('import.downloadTemplate')}
            </Button>
            <Button type="primary" onClick={() => setStep(2)} data-testid="import-next">
              {t('import.haveFile')}
            </Button>
            {allowed.length > 1 && <Button onClick={() => setStep(0)}>{t('common.previous')}</Button>}
          </Space>
        </Space>
      )}
      {step === 2 && kind && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {uploadError && (
            <Alert type="error" showIcon title={uploadError} data-testid="import-upload-error" />
          )}
          <Upload.Dragger
            accept={`.xlsx,${XLSX_MIME}`}
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={beforeUpload}
            customRequest={customRequest}
            data-testid="import-upload-input"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{uploading ? t('import.uploading') : t('import.dropHere')}</p>
            <p className="ant-upload-hint">{t('import.uploadHint', { kind: kindLabel(kind) })}</p>
          </Upload.Dragger>
          <Button onClick={() => setStep(1)} disabled={uploading}>
            {t('common.previous')}
          </Button>
        </Space>
      )}
      {step === 3 && preview && (
        <MappingStep
          preview={preview}
          onPreview={setPreview}
          onDone={(done) => {
            setResult(done);
            setStep(4);
          }}
          onRetry={() => {
            setPreview(null);
            setStep(2);
          }}
        />
      )}
      {step === 4 && result && (
        <ImportResultView
          result={result}
          onRetry={() => {
            setResult(null);
            setPreview(null);
            setStep(2);
          }}
        />
      )}
    </Card>
  );
}
