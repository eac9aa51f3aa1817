import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, List, Result, Space, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import type { ImportIssue, ImportResult } from '#contracts/transfer';
import { downloadFile } from '../../api/http.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { reportPath } from './transfer-api.ts';

export function ImportResultView({ result, onRetry }: { result: ImportResult; onRetry: () => void }) {
  const t = useT();
  const showError = useApiError();
  const [downloading, setDownloading] = useState(false);
  const token = result.reportToken;
  // On a phone the five columns would push the reason out of view: each issue becomes a card-like list item.
  const narrow = useScreens().md === false;

  const columns: TableColumnsType<ImportIssue & { key: number }> = [
    { title: t('import.sheet'), dataIndex: 'sheet' },
    { title: t('import.row'), dataIndex: 'row', width: 72 },
    { title: t('import.column'), dataIndex: 'column' },
    { title: t('import.value'), dataIndex: 'value', render: (v: string | null) => v ?? '' },
    { title: t('import.reason'), dataIndex: 'reason' },
  ];

  const retry = (
    <Button icon={<UploadOutlined />} onClick={onRetry} data-testid="import-retry">
      {t('import.uploadAgain')}
    </Button>
  );

  if (result.applied) {
    return (
      <div data-testid="import-result" data-applied="true">
        <Result
          status="success"
          title={t('import.done')}
          subTitle={t('import.rows', { n: result.rows })}
          extra={retry}
        >
          <Space size="large" wrap style={{ justifyContent: 'center', width: '100%' }}>
            <Statistic title={t('import.created')} value={result.created} data-testid="import-created" />
            <Statistic title={t('import.updated')} value={result.updated} data-testid="import-updated" />
            <Statistic
              title={t('import.unchanged')}
              value={result.unchanged}
              data-testid="import-unchanged"
            />
          </Space>
        </Result>
      </div>
    );
  }

  return (
    <div data-testid="import-result" data-applied="false">
      <Result
        status="error"
        title={t('import.failed', { n: result.issues.length })}
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            {token && (
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={downloading}
                data-testid="import-report-download"
                onClick={() => {
                  setDownloading(true);
                  downloadFile(reportPath(token), undefined, '导入问题报告.xlsx')
                    .catch((err: unknown) => showError(err))
                    .finally(() => setDownloading(false));
                }}
              >
                {t('import.downloadReport')}
              </Button>
            )}
            {retry}
          </Space>
        }
      />
      <div data-testid="import-issues">
        {narrow ? (
          <List
            size="small"
            dataSource={result.issues.slice(0, 200)}
            renderItem={(issue) => (
              <List.Item data-testid="import-issue-item">
                <List.Item.Meta
                  title={`${issue.sheet} · ${t('import.row')} ${issue.row} · ${issue.column}`}
                  description={
                    <>
                      {issue.value && <Typography.Text code>{issue.value}</Typography.Text>}
                      <div style={{ color: 'rgba(0,0,0,0.88)' }}>{issue.reason}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table
            size="small"
            columns={columns}
            dataSource={result.issues.map((issue, i) => ({ ...issue, key: i }))}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
          />
        )}
      </div>
    </div>
  );
}
