import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { RecordImportResult } from '#contracts/branch-files';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  downloadImportReport,
  downloadRecordsTemplate,
  importRecords,
  type RefusedImport,
  refusedImport,
} from './records-import-api.ts';

// 导入历史三会一课记录: the template, the upload, and either what was written or — all or nothing — every problem by
// row and column, with the report to download and correct the file from.

type Outcome = { kind: 'applied'; result: RecordImportResult } | { kind: 'refused'; refused: RefusedImport };

export function RecordsImportDialog({ onClose }: { onClose: (applied: boolean) => void }) {
  const t = useT();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const applied = outcome?.kind === 'applied';

  const upload = (file: File) => {
    setBusy(true);
    setFailure(null);
    setOutcome(null);
    importRecords(file, file.name)
      .then((result) => setOutcome({ kind: 'applied', result }))
      .catch((err: unknown) => {
        const refused = refusedImport(err);
        if (refused) setOutcome({ kind: 'refused', refused });
        else setFailure(errorText(err, t('error.unexpected')));
      })
      .finally(() => setBusy(false));
    return false;
  };

  return (
    <Modal
      open
      width={760}
      title={t('records.import.title')}
      onCancel={() => onClose(applied)}
      footer={<Button onClick={() => onClose(applied)}>{t('common.back')}</Button>}
      data-testid="records-import-dialog"
    >
      {outcome?.kind === 'applied' ? (
        <Result
          status="success"
          title={t('records.import.done')}
          subTitle={t('records.import.result', {
            rows: outcome.result.rows,
            created: outcome.result.created,
          })}
        />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('records.import.hint')}
          </Typography.Paragraph>
          <div>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadRecordsTemplate().catch((e: unknown) => showError(e))}
            >
              {t('records.import.template')}
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
            <p>{busy ? t('records.import.uploading') : t('records.import.drop')}</p>
          </Upload.Dragger>
          {failure && <Alert type="error" showIcon title={failure} />}
          {outcome?.kind === 'refused' && (
            <Flex vertical gap={8}>
              <Alert
                type="error"
                showIcon
                title={t('records.import.refused', { n: outcome.refused.total })}
                action={
                  outcome.refused.reportToken && (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      onClick={() =>
                        downloadImportReport(outcome.refused.reportToken ?? '').catch((e: unknown) =>
                          showError(e),
                        )
                      }
                    >
                      {t('records.import.report')}
                    </Button>
                  )
                }
              />
              <Table
                size="small"
                rowKey={(i) => `${i.row}-${i.column}-${i.reason}`}
                dataSource={outcome.refused.issues}
                pagination={outcome.refused.issues.length > 10 ? { pageSize: 10 } : false}
                data-testid="records-import-issues"
                showHeader={false}
                columns={[
                  {
                    title: '',
                    dataIndex: 'row',
                    width: 90,
                    render: (row: number) => (row > 0 ? t('records.import.row', { row }) : ''),
                  },
                  { title: '', dataIndex: 'column', width: 120 },
                  { title: '', dataIndex: 'reason' },
                ]}
              />
            </Flex>
          )}
        </Flex>
      )}
    </Modal>
  );
}
