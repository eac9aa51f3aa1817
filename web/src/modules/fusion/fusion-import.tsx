import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadFile, HttpError, http } from '../../api/http.ts';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { fusionKeys } from './fusion-api.ts';

// 导入需求清单 / 资源清单 from Excel, in the pattern of the branch records' import: the template, the upload, and either
// what was written or — all or nothing — every problem by row and column with the report to correct the file from.
// One dialog for both lists: they differ only in their paths and names.

type List = 'needs' | 'resources';
type Applied = { created: number; updated: number };
type Refused = {
  issues: { row: number; column: string; reason: string }[];
  total: number;
  reportToken: string | null;
};
type Outcome = { kind: 'applied'; result: Applied } | { kind: 'refused'; refused: Refused };

const NAME: Record<List, string> = { needs: '需求清单', resources: '资源清单' };

/** The problems of a refused import, or null when the error is something else. */
function refusedImport(err: unknown): Refused | null {
  if (!(err instanceof HttpError) || err.code !== 'fusion.import_invalid') return null;
  const d = err.details as { issues?: unknown; total?: unknown; reportToken?: unknown } | null | undefined;
  const issues = Array.isArray(d?.issues) ? (d.issues as Refused['issues']) : [];
  return {
    issues,
    total: typeof d?.total === 'number' ? d.total : issues.length,
    reportToken: typeof d?.reportToken === 'string' ? d.reportToken : null,
  };
}

function ImportDialog({ list, unitId, onClose }: { list: List; unitId: string; onClose: () => void }) {
  const t = useT();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const upload = (file: File) => {
    setBusy(true);
    setFailure(null);
    setOutcome(null);
    const data = new FormData();
    data.append('file', file, file.name);
    http
      .upload<Applied>(`/api/fusion/${list}/import?unitId=${encodeURIComponent(unitId)}`, data)
      .then((result) => {
        setOutcome({ kind: 'applied', result });
        void queryClient.invalidateQueries({ queryKey: fusionKeys.all });
      })
      .catch((err: unknown) => {
        const refused = refusedImport(err);
        if (refused) setOutcome({ kind: 'refused', refused });
        else setFailure(errorText(err, t('error.unexpected')));
      })
      .finally(() => setBusy(false));
    return false;
  };
  const report = (token: string) =>
    downloadFile(
      `/api/import-reports/${encodeURIComponent(token)}`,
      undefined,
      `${NAME[list]}导入问题报告.xlsx`,
    );

  return (
    <Modal
      open
      width={760}
      title={t(`fusion.import.title.${list}`)}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.back')}</Button>}
      data-testid="fusion-import-dialog"
    >
      {outcome?.kind === 'applied' ? (
        <Result
          status="success"
          title={t('fusion.import.done')}
          subTitle={t('fusion.import.result', outcome.result)}
        />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t(`fusion.import.hint.${list}`)}
          </Typography.Paragraph>
          <div>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(`/api/fusion/${list}/template`, undefined, `${NAME[list]}导入模板.xlsx`).catch(
                  (e: unknown) => showError(e),
                )
              }
              data-testid="fusion-import-template"
            >
              {t('fusion.import.template')}
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
            <p>{busy ? t('fusion.import.uploading') : t('fusion.import.drop')}</p>
          </Upload.Dragger>
          {failure && <Alert type="error" showIcon title={failure} />}
          {outcome?.kind === 'refused' && (
            <Flex vertical gap={8}>
              <Alert
                type="error"
                showIcon
                title={t('fusion.import.refused', { n: outcome.refused.total })}
                action={
                  outcome.refused.reportToken && (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      onClick={() =>
                        report(outcome.refused.reportToken ?? '').catch((e: unknown) => showError(e))
                      }
                    >
                      {t('fusion.import.report')}
                    </Button>
                  )
                }
              />
              <Table
                size="small"
                rowKey={(i) => `${i.row}-${i.column}-${i.reason}`}
                dataSource={outcome.refused.issues}
                pagination={outcome.refused.issues.length > 10 ? { pageSize: 10 } : false}
                data-testid="fusion-import-issues"
                showHeader={false}
                columns={[
                  {
                    title: '',
                    dataIndex: 'row',
                    width: 90,
                    render: (row: number) => (row > 0 ? t('fusion.import.row', { row }) : ''),
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

/** 导入 next to a list's export; offered to those who may write the list. */
export function ImportButton({ list, unitId }: { list: List; unitId: string | null }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<UploadOutlined />}
        disabled={!unitId}
        onClick={() => setOpen(true)}
        data-testid={`${list}-import`}
      >
        {t('fusion.import.open')}
      </Button>
      {open && unitId && <ImportDialog list={list} unitId={unitId} onClose={() => setOpen(false)} />}
    </>
  );
}
