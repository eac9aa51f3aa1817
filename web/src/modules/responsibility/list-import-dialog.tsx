// Importing duties into a list, or the year's work points, from Excel: the template to fill in, the upload, and
// either what was applied or — all or nothing — every problem with its row and the downloadable report.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Result, Space, Statistic, Table, Upload } from 'antd';
import { useState } from 'react';
import type { FileImportIssue, FileImportResult } from '#contracts/responsibility-files';
import { downloadFile } from '../../api/http.ts';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { RESPONSIBILITY_FILE_PATHS, type RefusedImport, refusedImport } from './responsibility-files-api.ts';

type Outcome = { kind: 'applied'; result: FileImportResult } | { kind: 'refused'; refused: RefusedImport };

export function ImportDialog({
  title,
  templateLabel,
  onTemplate,
  onImport,
  onClose,
}: {
  title: string;
  templateLabel: string;
  onTemplate: () => Promise<void>;
  onImport: (file: File) => Promise<FileImportResult>;
  /** After an applied import the page's data is asked again. */
  onClose: (applied: boolean) => void;
}) {
  const t = useT();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const upload = (file: File) => {
    setBusy(true);
    setFailure(null);
    onImport(file)
      .then((result) => setOutcome({ kind: 'applied', result }))
      .catch((err: unknown) => {
        const refused = refusedImport(err);
        if (refused) setOutcome({ kind: 'refused', refused });
        else setFailure(errorText(err, t('error.unexpected')));
      })
      .finally(() => setBusy(false));
    // The file goes through the API helper, not antd's own request.
    return false;
  };

  return (
    <Modal
      open
      width={760}
      title={title}
      onCancel={() => onClose(outcome?.kind === 'applied')}
      footer={<Button onClick={() => onClose(outcome?.kind === 'applied')}>{t('common.back')}</Button>}
    >
      {outcome?.kind === 'applied' ? (
        <Result
          status="success"
          title={t('import.done')}
          subTitle={t('import.rows', { n: outcome.result.rows })}
        >
          <Space size="large" wrap style={{ justifyContent: 'center', width: '100%' }}>
            <Statistic title={t('import.created')} value={outcome.result.created} />
            <Statistic title={t('import.updated')} value={outcome.result.updated} />
            <Statistic title={t('import.unchanged')} value={outcome.result.unchanged} />
          </Space>
        </Result>
      ) : (
        <Flex vertical gap={12}>
          <div>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => onTemplate().catch((err: unknown) => showError(err))}
            >
              {templateLabel}
            </Button>
          </div>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            disabled={busy}
            beforeUpload={upload}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{busy ? t('rs.files.uploading') : t('rs.files.dropHint')}</p>
          </Upload.Dragger>
          {failure && <Alert type="error" showIcon title={failure} />}
          {outcome?.kind === 'refused' && <Refused refused={outcome.refused} />}
        </Flex>
      )}
    </Modal>
  );
}

function Refused({ refused }: { refused: RefusedImport }) {
  const t = useT();
  const showError = useApiError();
  const token = refused.reportToken;
  return (
    <Flex vertical gap={8}>
      <Alert
        type="error"
        showIcon
        title={t('import.failed', { n: refused.total })}
        action={
          token && (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(RESPONSIBILITY_FILE_PATHS.report(token), undefined, '导入问题报告.xlsx').catch(
                  (err: unknown) => showError(err),
                )
              }
            >
              {t('import.downloadReport')}
            </Button>
          )
        }
      />
      <Table<FileImportIssue & { key: number }>
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={refused.issues.map((issue, key) => ({ ...issue, key }))}
        columns={[
          { title: t('import.sheet'), dataIndex: 'sheet' },
          { title: t('import.row'), dataIndex: 'row', width: 64 },
          { title: t('import.column'), dataIndex: 'column' },
          { title: t('import.value'), dataIndex: 'value', render: (v: string | null) => v ?? '' },
          { title: t('import.reason'), dataIndex: 'reason' },
        ]}
      />
    </Flex>
  );
}
