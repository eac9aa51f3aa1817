import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { type DuesImportResult, yuan } from '#contracts/branch-dues';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  downloadPayrollTemplate,
  downloadReport,
  importPayroll,
  type RefusedPayroll,
  refusedPayroll,
} from './dues-api.ts';

// 导入工资表: the template, the upload, and either what was written or — all or nothing — every problem by row, with
// the report to download and correct the file from.

type Outcome = { kind: 'applied'; result: DuesImportResult } | { kind: 'refused'; refused: RefusedPayroll };

export function PayrollImportDialog({
  partyOrgId,
  onClose,
}: {
  partyOrgId: string;
  onClose: (applied: boolean) => void;
}) {
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
    importPayroll(partyOrgId, file, file.name)
      .then((result) => setOutcome({ kind: 'applied', result }))
      .catch((err: unknown) => {
        const refused = refusedPayroll(err);
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
      title={t('dues.import.title')}
      onCancel={() => onClose(applied)}
      footer={<Button onClick={() => onClose(applied)}>{t('common.back')}</Button>}
      data-testid="dues-import-dialog"
    >
      {outcome?.kind === 'applied' ? (
        <Result
          status="success"
          title={t('dues.import.done')}
          subTitle={t('dues.import.result', {
            rows: outcome.result.rows,
            bases: outcome.result.bases,
            payments: outcome.result.payments,
            amount: yuan(outcome.result.amountFen),
          })}
        />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('dues.import.hint')}
          </Typography.Paragraph>
          <div>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadPayrollTemplate().catch((e: unknown) => showError(e))}
            >
              {t('dues.template')}
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
            <p>{busy ? t('dues.import.uploading') : t('dues.import.drop')}</p>
          </Upload.Dragger>
          {failure && <Alert type="error" showIcon title={failure} />}
          {outcome?.kind === 'refused' && (
            <Flex vertical gap={8}>
              <Alert
                type="error"
                showIcon
                title={t('dues.import.refused', { n: outcome.refused.total })}
                action={
                  outcome.refused.reportToken && (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      onClick={() =>
                        downloadReport(outcome.refused.reportToken ?? '').catch((e: unknown) => showError(e))
                      }
                    >
                      {t('dues.import.report')}
                    </Button>
                  )
                }
              />
              <Table
                size="small"
                rowKey={(i) => `${i.row}-${i.column}-${i.reason}`}
                dataSource={outcome.refused.issues}
                pagination={outcome.refused.issues.length > 10 ? { pageSize: 10 } : false}
                data-testid="dues-import-issues"
                columns={[
                  {
                    title: '',
                    dataIndex: 'row',
                    width: 90,
                    render: (row: number) => (row > 0 ? t('dues.import.row', { row }) : ''),
                  },
                  { title: '', dataIndex: 'column', width: 140 },
                  { title: '', dataIndex: 'reason' },
                ]}
                showHeader={false}
              />
            </Flex>
          )}
        </Flex>
      )}
    </Modal>
  );
}
